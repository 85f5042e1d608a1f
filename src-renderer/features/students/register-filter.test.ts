import { describe, expect, it } from 'vitest';
import { serverFilter } from './register-screen';

describe('the register search box', () => {
  it('sends a class typed as people write it as grade and letter', () => {
    expect(serverFilter({ query: '7.b', status: 'active' })).toEqual({ grade: 7, classLabel: 'b', status: 'active' });
    expect(serverFilter({ query: '12a' })).toEqual({ grade: 12, classLabel: 'a' });
    expect(serverFilter({ query: '9.' })).toEqual({ grade: 9 });
    expect(serverFilter({ query: 'Ozola 7.b' })).toEqual({ query: 'Ozola', grade: 7, classLabel: 'b' });
  });

  it('leaves names, personal codes and impossible grades as text', () => {
    expect(serverFilter({ query: 'bērziņa' })).toEqual({ query: 'bērziņa' });
    expect(serverFilter({ query: '120305-21234' })).toEqual({ query: '120305-21234' });
    expect(serverFilter({ query: '13.a' })).toEqual({ query: '13.a' });
    expect(serverFilter({})).toEqual({});
  });
});

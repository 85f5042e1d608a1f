import { describe, expect, it } from 'vitest';
import { hrefFor, matchPath, parseHref, pathFor } from './router';

describe('the hash router', () => {
  it('matches patterns segment by segment and decodes parameters', () => {
    expect(matchPath('/students/:id', '/students/42')).toEqual({ id: '42' });
    expect(matchPath('/students/:id/screening/:semesterId', '/students/a%2Fb/screening/2025%2F26-1')).toEqual({ id: 'a/b', semesterId: '2025/26-1' });
    expect(matchPath('/students/new', '/students/new')).toEqual({});
    expect(matchPath('/students/:id', '/students')).toBeNull();
    expect(matchPath('/students/:id', '/students/42/edit')).toBeNull();
    expect(matchPath('/plans/:id', '/students/42')).toBeNull();
    expect(matchPath('/', '/')).toEqual({});
    expect(matchPath('/students/:id', '/students/%E0%A4%A')).toBeNull();
  });

  it('fills patterns and builds queries without empty values', () => {
    expect(pathFor('/plans/:id/print', { id: '2025/26 x' })).toBe('/plans/2025%2F26%20x/print');
    expect(hrefFor('/students', { q: 'ozol', grade: 7, risk: '', plan: undefined, status: null })).toBe('/students?q=ozol&grade=7');
    expect(hrefFor('/students')).toBe('/students');
  });

  it('splits a hash into path and query', () => {
    const location = parseHref('/students?q=b%C4%93rzi%C5%86%C5%A1&grade=7');
    expect(location.path).toBe('/students');
    expect(location.query.get('q')).toBe('bērziņš');
    expect(location.query.get('grade')).toBe('7');
    expect(parseHref('').path).toBe('/');
  });
});

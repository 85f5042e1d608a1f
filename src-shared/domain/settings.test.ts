import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SETTINGS, resolveSetting } from './settings';

const idle = SETTINGS['session.idleMinutes'];

describe('setting precedence: admin policy > stored > default', () => {
  it('takes the policy over the stored value and the default', () => {
    expect(resolveSetting(idle, { policy: 5, stored: 30 })).toEqual({ value: 5, source: 'policy' });
  });

  it('takes the stored value when there is no policy', () => {
    expect(resolveSetting(idle, { stored: 30 })).toEqual({ value: 30, source: 'stored' });
  });

  it('falls back to the default', () => {
    expect(resolveSetting(idle, {})).toEqual({ value: 15, source: 'default' });
  });

  it('skips a level whose value does not parse', () => {
    expect(resolveSetting(idle, { policy: 'soon', stored: 30 })).toEqual({ value: 30, source: 'stored' });
    expect(resolveSetting(idle, { policy: 0, stored: -1 })).toEqual({ value: 15, source: 'default' });
  });

  it('always returns a value that its schema accepts (property)', () => {
    fc.assert(
      fc.property(fc.option(fc.anything(), { nil: undefined }), fc.option(fc.anything(), { nil: undefined }), (policy, stored) => {
        const { value, source } = resolveSetting(idle, { policy, stored });
        expect(idle.schema.safeParse(value).success).toBe(true);
        if (source === 'policy') expect(value).toBe(policy);
        if (source === 'stored') expect(idle.schema.safeParse(policy).success).toBe(false);
      }),
    );
  });

  it('has defaults that their own schemas accept', () => {
    for (const [key, definition] of Object.entries(SETTINGS)) expect(definition.schema.safeParse(definition.default).success, key).toBe(true);
  });
});

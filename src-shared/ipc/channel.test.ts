import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { channel, EVERY_MODE, PUBLIC, SCHOOL_ONLY, signedIn } from './channel';
import { CHANNELS, contract } from './contract/index';

describe('channel declarations', () => {
  it('refuses to compile a channel without its access', () => {
    // @ts-expect-error a channel must say who may call it
    const undeclared = channel(z.object({}), z.object({}));
    expect(undeclared.access).toBeUndefined();
    // @ts-expect-error and with a permission from the roles table
    signedIn('plans.everything', SCHOOL_ONLY);
  });

  it('gives every channel in the contract a public or signed-in access with at least one mode', () => {
    for (const name of CHANNELS) {
      const { access } = contract[name];
      if (access.kind === 'public') expect(access, name).toBe(PUBLIC);
      else expect(access.modes.length, name).toBeGreaterThan(0);
    }
    expect(EVERY_MODE).toEqual(['school', 'municipality', 'state']);
  });
});

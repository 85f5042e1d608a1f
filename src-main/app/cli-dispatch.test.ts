import { describe, expect, it } from 'vitest';
import { cliArgumentsOf } from './cli-dispatch';

describe('cliArgumentsOf', () => {
  it('takes everything after --cli, packaged or not', () => {
    expect(cliArgumentsOf(['C:\\Program Files\\PuMPuRS\\PuMPuRS.exe', '--cli', 'keys', 'show', '--json'])).toEqual(['keys', 'show', '--json']);
    expect(cliArgumentsOf(['/usr/bin/electron', '.', '--cli', 'audit', 'verify'])).toEqual(['audit', 'verify']);
    expect(cliArgumentsOf(['/opt/PuMPuRS/pumpurs', '--cli'])).toEqual([]);
  });

  it('is null for a normal start', () => {
    expect(cliArgumentsOf(['/opt/PuMPuRS/pumpurs'])).toBeNull();
    expect(cliArgumentsOf(['/opt/PuMPuRS/pumpurs', '--password-store=gnome-libsecret'])).toBeNull();
  });
});

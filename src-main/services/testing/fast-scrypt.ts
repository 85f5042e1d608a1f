/**
 * Cheap scrypt parameters for tests that assemble the whole app
 * (createApp(ports, { hashParams: FAST_SCRYPT })): each set-up, staff
 * account and sign-in at the real cost (DEFAULT_SCRYPT, N=2^17: ~0.4 s of a
 * core and 128 MiB) made those files slow. The real cost stays tested in
 * password-hash.test.ts and the bridge's own test.
 */
import type { ScryptParams } from '../accounts/password-hash';

export const FAST_SCRYPT: ScryptParams = { N: 2 ** 10, r: 8, p: 1 };

/**
 * How a channel is declared: zod schemas both ways, and who may call it.
 * Channel names are `domain:verb`. The renderer is untrusted, so main parses
 * every input, checks the declared access before the handler runs, and
 * parses its own output before it leaves the process.
 */
import type { z } from 'zod';
import { ORG_MODES, type OrgMode } from '../domain/organisation';
import type { Permission } from '../domain/roles';

/** Anyone, signed in or not: what the first screen needs, the first run, signing in and out. */
export interface PublicAccess {
  readonly kind: 'public';
}

/**
 * A signed-in staff member holding `permission` (src-shared/domain/roles.ts),
 * in an installation whose mode is one of `modes`. Services may add finer
 * rules (ownership, the plan's status); this is the coarse one.
 */
export interface SignedInAccess {
  readonly kind: 'signedIn';
  readonly permission: Permission;
  readonly modes: readonly OrgMode[];
  /** The message of the refusal in any other mode (default: errors.code.FORBIDDEN). */
  readonly wrongModeKey?: string;
}

export type Access = PublicAccess | SignedInAccess;

export const PUBLIC: PublicAccess = { kind: 'public' };
/** The school's own data: students, screening, plans, deliveries. */
export const SCHOOL_ONLY: readonly OrgMode[] = ['school'];
/** Municipality and state: what they import and read. */
export const AUTHORITIES: readonly OrgMode[] = ['municipality', 'state'];
/** Staff, calendar, keys: every installation. */
export const EVERY_MODE: readonly OrgMode[] = ORG_MODES;

export const signedIn = (permission: Permission, modes: readonly OrgMode[], options: { wrongModeKey?: string } = {}): SignedInAccess => ({
  kind: 'signedIn',
  permission,
  modes,
  ...options,
});

export interface ChannelDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType, A extends Access = Access> {
  input: I;
  output: O;
  access: A;
}

/** A channel: input, output, access. Without an access the channel does not compile. */
export const channel = <I extends z.ZodType, O extends z.ZodType, A extends Access>(input: I, output: O, access: A): ChannelDef<I, O, A> => ({
  input,
  output,
  access,
});

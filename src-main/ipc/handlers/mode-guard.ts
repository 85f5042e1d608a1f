/**
 * The school's own data lives only in a school's installation. A
 * municipality's or the state's app has the same tables (empty), so these
 * channels refuse there (FORBIDDEN) instead of letting anyone create
 * students or plans in the wrong place. Calendar, staff and the list of
 * measure kinds serve every mode.
 */
import type { Kysely } from 'kysely';
import { CHANNELS, type Channel } from '../../../src-shared/ipc/contract/index';
import type { DB } from '../../db/schema';
import { requireMode } from '../../services/access';
import type { Handler, Handlers } from '../router';

const SCHOOL_ONLY = /^(students|risks|screening|riskLevel|plans|deliveries|semesterEnd|journal):|^measureKinds:update$/;

export function isSchoolOnlyChannel(channel: Channel): boolean {
  return SCHOOL_ONLY.test(channel);
}

export function guardSchoolOnlyChannels(handlers: Handlers, db: Kysely<DB>): Handlers {
  const guarded: Record<string, Handler<Channel>> = { ...handlers };
  for (const channel of CHANNELS.filter(isSchoolOnlyChannel)) {
    const inner = handlers[channel] as Handler<Channel>;
    guarded[channel] = async (input, ctx) => {
      await requireMode(db, ['school']);
      return inner(input, ctx);
    };
  }
  return guarded as Handlers;
}

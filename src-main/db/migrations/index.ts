/**
 * Every migration, in order. Append-only: a migration that has shipped is
 * never edited (migrations.lock.json holds each one's hash, and a test fails
 * when a listed migration changes). Listed in code because kysely's file
 * loader does not work under bundlers or vitest.
 */
import type { Migration } from 'kysely';
import * as m0001 from './0001-organisation';
import * as m0002 from './0002-school-data';
import * as m0003 from './0003-default-measure-kinds';
import * as m0004 from './0004-exchange';
import * as m0005 from './0005-normalise-usernames';
import * as m0006 from './0006-municipality-decisions';
import * as m0007 from './0007-e-journal';
import * as m0008 from './0008-audit-chain';
import * as m0009 from './0009-measure-youth-project';
import * as m0010 from './0010-statistics-model';
import * as m0011 from './0011-stream-reset';
import * as m0012 from './0012-query-tables';
import * as m0013 from './0013-decisions-sent-mark';
import * as m0014 from './0014-stat-summaries';
import * as m0015 from './0015-overview-summaries';
import * as m0016 from './0016-drop-measure-kind-index';

export const migrations: Record<string, Migration> = {
  '0001-organisation': m0001,
  '0002-school-data': m0002,
  '0003-default-measure-kinds': m0003,
  '0004-exchange': m0004,
  '0005-normalise-usernames': m0005,
  '0006-municipality-decisions': m0006,
  '0007-e-journal': m0007,
  '0008-audit-chain': m0008,
  '0009-measure-youth-project': m0009,
  '0010-statistics-model': m0010,
  '0011-stream-reset': m0011,
  '0012-query-tables': m0012,
  '0013-decisions-sent-mark': m0013,
  '0014-stat-summaries': m0014,
  '0015-overview-summaries': m0015,
  '0016-drop-measure-kind-index': m0016,
};

export const MIGRATION_NAMES = Object.keys(migrations).sort();
/** The schema version of this build: the number of migrations it knows. */
export const SCHEMA_VERSION = MIGRATION_NAMES.length;

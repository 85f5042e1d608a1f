/**
 * Kysely's view of the tables. Dates are ISO strings (YYYY-MM-DD), times ISO timestamps,
 * money integer cents.
 */
import type { Generated, Kysely, Transaction } from 'kysely';
import type { DecisionTables } from './decision-tables';
import type { ExchangeTables } from './exchange-tables';
import type { JournalTables } from './journal-tables';
import type { SchoolTables } from './school-tables';
import type { StatTables } from './stat-tables';

export interface OrganisationTable {
  id: number;
  mode: 'school' | 'municipality' | 'state';
  name: string;
  reg_no: string;
  municipality: string;
  school_type: 'general' | 'vocational' | 'stateVocational' | null;
  created_at: string;
  updated_at: string;
}

export interface AppMetaTable {
  key: string;
  value: string;
}

export interface CoreTables {
  organisation: OrganisationTable;
  app_meta: AppMetaTable;
}

/** Every table. Each migration's tables live in their own file and join here. */
export interface DB extends CoreTables, SchoolTables, ExchangeTables, DecisionTables, JournalTables, StatTables {}

/** The database or a transaction on it: what a query that may run inside a caller's transaction takes. */
export type Db = Kysely<DB> | Transaction<DB>;

export type { Generated };

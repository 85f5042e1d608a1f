/**
 * Kysely's view of the tables. Each migration that adds a table adds its
 * interface here. Dates are ISO strings (YYYY-MM-DD), times ISO timestamps,
 * money integer cents.
 */
import type { Generated } from 'kysely';

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

export interface DB {
  organisation: OrganisationTable;
  app_meta: AppMetaTable;
}

export type { Generated };

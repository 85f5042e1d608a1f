/** Kysely types for migration 0004 (exchange: enrolment, streams, ledger, imported records). Column names as in SQL. */
import type { Generated } from 'kysely';

export type ExchangeOrgKind = 'school' | 'municipality' | 'state';

export interface ExchangeOrgTable {
  id: string;
  kind: ExchangeOrgKind;
  name: string;
  /** 'sender': we import its packages; 'recipient': we send it ours. */
  role: 'sender' | 'recipient';
  enrolled_at: string;
  enrolled_by: string;
  updated_at: string;
}
export interface ExchangeKeyTable {
  signing_key_id: string;
  org_id: string;
  signing_public_key_pem: string;
  age_recipient: string;
  age_key_id: string;
  /** The signed key card as received (canonical JSON). */
  card: string;
  state: 'current' | 'replaced';
  valid_after_seq: Generated<number>;
  revoked_after_seq: number | null;
  added_at: string;
  added_by: string;
  replaced_at: string | null;
}
export interface ExchangeOutStreamTable {
  recipient_id: string;
  last_seq: number;
  last_sums_hash: string;
  last_package_id: string;
  updated_at: string;
}
export interface ExchangeExportTable {
  package_id: string;
  recipient_id: string;
  recipient_key_id: string;
  seq: number;
  prev_sums: string | null;
  sums_hash: string;
  signer_key_id: string;
  kind: string;
  period: string;
  counts: Generated<string>;
  created_at: string;
  created_by: string;
}
export interface ExchangeImportTable {
  package_id: string;
  sender_id: string;
  /** Which numbering of the sender's packages (0 until a coordinator accepts a new stream; migration 0012). */
  stream: Generated<number>;
  seq: number;
  prev_sums: string | null;
  sums_hash: string;
  signer_key_id: string;
  kind: string;
  period: string;
  created_at: string;
  imported_at: string;
  operator_id: string;
  operator_name: string;
  summary: string;
  warnings: Generated<string>;
}
/** A new stream of a sender's packages, accepted by a coordinator (migration 0012). */
export interface ExchangeStreamResetTable {
  id: Generated<number>;
  sender_id: string;
  stream: number;
  from_seq: number;
  from_created_at: string;
  from_package_id: string;
  from_sums_hash: string;
  signer_key_id: string;
  held_newest_seq: number;
  held_packages: number;
  reason: string;
  at: string;
  operator_id: string;
  operator_name: string;
}
export interface ExchangeAlertTable {
  id: Generated<number>;
  at: string;
  code: string;
  detail: string;
  package_id: string | null;
  sender_id: string | null;
  seq: number | null;
  sums_hash: string | null;
  signer_key_id: string | null;
  file_name: string | null;
  operator_id: string;
  operator_name: string;
}
export interface ImportedRecordTable {
  sender_id: string;
  period: string;
  record_type: string;
  record_id: string;
  version: number;
  updated_at: string | null;
  record: string;
  package_id: string;
  imported_at: string;
  withdrawn_package_id: string | null;
  withdrawn_at: string | null;
}

export interface ExchangeTables {
  exchange_org: ExchangeOrgTable;
  exchange_key: ExchangeKeyTable;
  exchange_out_stream: ExchangeOutStreamTable;
  exchange_export: ExchangeExportTable;
  exchange_import: ExchangeImportTable;
  exchange_alert: ExchangeAlertTable;
  exchange_stream_reset: ExchangeStreamResetTable;
  imported_record: ImportedRecordTable;
}

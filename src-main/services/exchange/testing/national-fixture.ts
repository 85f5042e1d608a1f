/**
 * The national chain for tests: schools in two municipalities, their
 * municipalities, and the state, each a real app on its own data folder,
 * enrolled the way coordinators do it. Plus the identifier scan: every
 * string a package or a database holds, checked against everything that
 * identifies a person in the source schools.
 */
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { Clock } from '../../../ports/clock';
import { generateDemoData } from '../../demo-data/demo-data';
import { loadRiskCatalogue } from '../../school/risk-catalogue-service';
import { readPackage, type PackageRecord } from '../../../package-format/index';
import { ACTOR, link, openInstallation, RESOURCES_DIR, type Installation } from './exchange-fixture';

export async function schoolIn(
  clock: Clock,
  options: { municipality: string; regNo: string; name: string; seed: number; students: number; today: string; schoolType?: 'general' | 'stateVocational' },
): Promise<Installation> {
  const school = await openInstallation(clock, 'pumpurs-school-');
  await school.app.services.setUp.setUp(
    { profile: { name: options.name, regNo: options.regNo, municipality: options.municipality, schoolType: options.schoolType ?? 'general' } },
    { by: ACTOR, requireNoProfile: true },
  );
  await school.app.services.exchange.keys.ensure();
  await generateDemoData(school.app.database.db, {
    students: options.students,
    today: options.today,
    seed: options.seed,
    riskCatalogue: await loadRiskCatalogue(RESOURCES_DIR),
  });
  return school;
}

/**
 * Two schools of Madonas novads (demo data, seeds 7 and 8: 160 and 60 students), their municipality and the state,
 * each school linked to the municipality (enrolled both ways); the municipality is not yet linked to the state.
 */
export async function madonaChain(clock: Clock): Promise<{ schoolA: Installation; schoolB: Installation; muni: Installation; state: Installation }> {
  const school = { municipality: 'Madonas novads', today: '2026-02-10' };
  const schoolA = await schoolIn(clock, { ...school, regNo: '4313900456', name: 'Madonas pilsētas vidusskola', seed: 7, students: 160 });
  const schoolB = await schoolIn(clock, { ...school, regNo: '4313900789', name: 'Lubānas vidusskola', seed: 8, students: 60 });
  const muni = await municipalityNamed(clock, 'Madonas novads');
  const state = await stateInstallation(clock);
  await link(schoolA, muni);
  await link(schoolB, muni);
  return { schoolA, schoolB, muni, state };
}

export async function municipalityNamed(clock: Clock, name: string): Promise<Installation> {
  const muni = await openInstallation(clock, 'pumpurs-municipality-');
  await muni.app.services.exchange.authoritySetUp.setUp({ profile: { mode: 'municipality', municipality: name } }, { by: ACTOR, requireNoProfile: true });
  return muni;
}

export async function stateInstallation(clock: Clock): Promise<Installation> {
  const state = await openInstallation(clock, 'pumpurs-state-');
  await state.app.services.exchange.authoritySetUp.setUp({ profile: { mode: 'state' } }, { by: ACTOR, requireNoProfile: true });
  return state;
}

/** Decrypts a package addressed to `recipient` from `sender`, as the state's reader does (real signature check, real age). */
export async function openPackage(path: string, sender: Installation, recipient: Installation, clock: Clock): Promise<Record<string, PackageRecord[]>> {
  const senderKeys = await sender.app.services.exchange.keys.ensure();
  const senderOrg = sender.raw.prepare('SELECT reg_no FROM organisation WHERE id = 1').get() as { reg_no: string };
  const recipientOrg = recipient.raw.prepare('SELECT reg_no FROM organisation WHERE id = 1').get() as { reg_no: string };
  const keys = await recipient.app.services.exchange.keys.ensure();
  const read = await readPackage(
    { path },
    {
      lookupSigner: (keyId) => (keyId === senderKeys.signing.keyId ? { senderId: senderOrg.reg_no, publicKeyPem: senderKeys.signing.publicKeyPem } : null),
      self: { id: recipientOrg.reg_no, ageIdentity: keys.age.identity, keyId: keys.age.keyId },
      supported: { schemaVersion: 1 },
      clock,
    },
  );
  if (!read.ok) throw new Error(`package refused: ${read.refusal.code} ${read.refusal.detail}`);
  return read.value.files;
}

/** What identifies a person in a school's database: names, personal codes, and every free-text value. */
export interface Identifiers {
  /** Name words (first names, surnames, guardians', staff's), lower case. */
  words: Set<string>;
  /** Personal codes, with and without the hyphen, and free-text values: none may occur as a substring. */
  texts: Set<string>;
}

const FREE_TEXT_COLUMN = /note|goal|comment|justification|reason|receipt|consent_by|name|phone|email|label|programme|personal_code|username|^code$/;
/** Tables whose text is about the organisation or the app, not a person, or already listed by column. */
const NOT_PERSONAL_TABLES = new Set([
  'audit_log',
  'organisation',
  'school_year',
  'semester',
  'setting',
  'kysely_migration',
  'kysely_migration_lock',
  'measure_kind',
  'risk_factor',
  'exchange_org',
  'exchange_key',
]);

export function identifiersOf(raw: Database.Database, into: Identifiers = { words: new Set(), texts: new Set() }): Identifiers {
  const tables = (raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map(
    (t) => t.name,
  );
  for (const table of tables) {
    if (NOT_PERSONAL_TABLES.has(table)) continue;
    const columns = (raw.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name).filter((c) => FREE_TEXT_COLUMN.test(c));
    for (const column of columns) {
      for (const row of raw.prepare(`SELECT DISTINCT "${column}" AS v FROM "${table}" WHERE "${column}" IS NOT NULL`).all() as { v: unknown }[]) {
        if (typeof row.v !== 'string') continue;
        const value = row.v.trim();
        if (/first_name|last_name|display_name|^name$|actor_name/.test(column))
          for (const w of value.split(/[^\p{L}]+/u)) if (w.length >= 3) into.words.add(w.toLowerCase());
        if (column === 'personal_code') {
          into.texts.add(value);
          into.texts.add(value.replace('-', ''));
        } else if (value.length >= 4) into.texts.add(value);
      }
    }
  }
  // A school's own risk factors and measure kinds: their labels are text the school typed.
  for (const row of raw.prepare("SELECT label_lv, label_en FROM risk_factor WHERE source = 'custom'").all() as { label_lv: string; label_en: string }[]) {
    into.texts.add(row.label_lv);
    into.texts.add(row.label_en);
  }
  return into;
}

export interface Finding {
  where: string;
  what: string;
}

/** Every string value in `value` (keys too), checked; returns what it found. */
export function scanValue(value: unknown, ids: Identifiers, where: string, out: Finding[] = []): Finding[] {
  if (typeof value === 'string') scanString(value, ids, where, out);
  else if (typeof value === 'number') scanString(String(value), ids, where, out);
  else if (Array.isArray(value)) value.forEach((v, i) => scanValue(v, ids, `${where}[${i}]`, out));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      scanString(k, ids, `${where}.<key>`, out);
      scanValue(v, ids, `${where}.${k}`, out);
    }
  }
  return out;
}

/** A personal code's shape: 6 digits, optional hyphen, 5 digits, not inside a longer run of digits or hex. */
const CODE_SHAPE = /(?<![0-9A-Za-z])\d{6}-?\d{5}(?![0-9A-Za-z])|\d{6}-\d{5}/;

export function scanString(s: string, ids: Identifiers, where: string, out: Finding[]): void {
  if (CODE_SHAPE.test(s)) out.push({ where, what: `code-shaped: ${s}` });
  for (const w of s.split(/[^\p{L}]+/u)) if (w.length >= 3 && ids.words.has(w.toLowerCase())) out.push({ where, what: `name: ${w}` });
  for (const t of ids.texts) if (s.includes(t)) out.push({ where, what: `text: ${t}` });
}

/** Every text value of every table of a database. */
export function scanDatabase(raw: Database.Database, ids: Identifiers): Finding[] {
  const out: Finding[] = [];
  const tables = (raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map(
    (t) => t.name,
  );
  for (const table of tables) {
    for (const [i, row] of (raw.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[]).entries()) {
      for (const [column, v] of Object.entries(row)) {
        if (typeof v !== 'string') continue;
        // JSON columns (imported records, audit details) are scanned value by value too.
        let parsed: unknown = v;
        try {
          parsed = JSON.parse(v);
        } catch {
          /* plain text */
        }
        scanValue(parsed, ids, `${table}#${i}.${column}`, out);
        if (parsed !== v) scanString(v, ids, `${table}#${i}.${column}`, out);
      }
    }
  }
  return out;
}

export const tmpFile = (inst: Installation, name: string) => join(inst.tmp.dir, name);

/**
 * Installations for exchange tests: a school with demo data and a
 * municipality, each a real app (createApp) on its own temp data folder with
 * a file secret store, enrolled with each other the way coordinators do it
 * (key cards, fingerprint confirmation). Plus a full dump of a database, to
 * show that a refused import changed nothing.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { createApp, type AppInstance } from '../../../app/create-app';
import { resolveDatabaseKey } from '../../../db/encryption';
import { makeTempDir, writeMigratedDatabase, type TempDir } from '../../../db/testing/temp-db';
import type { Clock } from '../../../ports/clock';
import { createScriptedDialogs } from '../../../ports/dialogs';
import { silentLogger } from '../../../ports/logger';
import { pathsFor } from '../../../ports/paths';
import { createFileSecretStore } from '../../../ports/secret-store';
import type { Party } from '../../../package-format/test-support/fixtures';
import { cliActor } from '../../accounts/access';
import { generateDemoData } from '../../demo-data/demo-data';
import { loadRiskCatalogue } from '../../school/risk-catalogue-service';
import { selfOrg } from '../keys-service';
import { FAST_SCRYPT } from '../../testing/fast-scrypt';

export const RESOURCES_DIR = join(import.meta.dirname, '..', '..', '..', '..', 'resources');
export const ACTOR = cliActor('test');
export const SCHOOL_REG_NO = '4313900456';
export const MUNICIPALITY = 'Madonas novads';

/** A clock tests can move. */
export interface MovableClock extends Clock {
  set(iso: string): void;
}
export function movableClock(iso: string): MovableClock {
  let at = new Date(iso).getTime();
  return { now: () => new Date(at), set: (next) => void (at = new Date(next).getTime()) };
}

export interface Installation {
  app: AppInstance;
  tmp: TempDir;
  dataDir: string;
  readonly raw: Database.Database;
  close(): Promise<void>;
}

/** The app on a data folder (made if new), as the CLI would open it. */
export async function openAppAt(clock: Clock, dataDir: string): Promise<AppInstance> {
  const paths = pathsFor(dataDir, RESOURCES_DIR);
  const secrets = createFileSecretStore(paths.secretsDir);
  if (!existsSync(paths.dbFile)) {
    // A new installation's database starts migrated (temp-db.ts: migrating each new file was most of an installation's making).
    await mkdir(paths.dataDir, { recursive: true, mode: 0o700 });
    await writeMigratedDatabase(paths.dbFile, await resolveDatabaseKey(secrets, paths.dbFile, true));
  }
  return createApp({ paths, clock, log: silentLogger, secrets, dialogs: createScriptedDialogs(), appVersion: '0.1.0' }, { hashParams: FAST_SCRYPT });
}

/**
 * The app on a new temp data folder; with `copyOf`, the folder starts as a
 * copy of that data folder (an installation prepared once and closed), for
 * tests that each need the same prepared installation afresh.
 */
export async function openInstallation(clock: Clock, prefix: string, copyOf?: string): Promise<Installation> {
  const tmp = await makeTempDir(prefix);
  const dataDir = join(tmp.dir, 'data');
  if (copyOf !== undefined) await cp(copyOf, dataDir, { recursive: true });
  const installation: Installation = {
    app: await openAppAt(clock, dataDir),
    tmp,
    dataDir,
    get raw() {
      return this.app.database.raw;
    },
    close: async () => {
      await installation.app.close();
      await tmp.remove();
    },
  };
  return installation;
}

/** A set-up school (no coordinator account; the CLI actor acts) with `students` demo students up to `today`. */
export async function makeSchool(
  clock: Clock,
  options: { students: number; today: string; regNo?: string; name?: string; seed?: number; schoolType?: 'general' | 'stateVocational' },
): Promise<Installation> {
  const school = await openInstallation(clock, 'pumpurs-school-');
  await school.app.services.setUp.setUp(
    {
      profile: {
        name: options.name ?? 'Madonas pilsētas vidusskola',
        regNo: options.regNo ?? SCHOOL_REG_NO,
        municipality: MUNICIPALITY,
        schoolType: options.schoolType ?? 'general',
      },
    },
    { by: ACTOR, requireNoProfile: true },
  );
  await school.app.services.exchange.keys.ensure();
  await generateDemoData(school.app.database.db, {
    students: options.students,
    today: options.today,
    seed: options.seed ?? 7,
    riskCatalogue: await loadRiskCatalogue(RESOURCES_DIR),
  });
  return school;
}

export async function makeAuthority(clock: Clock, mode: 'municipality' | 'state' = 'municipality'): Promise<Installation> {
  const installation = await openInstallation(clock, `pumpurs-${mode}-`);
  await installation.app.services.exchange.authoritySetUp.setUp(
    { profile: mode === 'municipality' ? { mode, municipality: MUNICIPALITY } : { mode } },
    { by: ACTOR, requireNoProfile: true },
  );
  return installation;
}

/** An installation as the package-format tests see a party: its organisation and its keys (made if missing). */
export async function partyOf(inst: Installation): Promise<Party> {
  const org = await selfOrg(inst.app.database.db);
  return { id: org.id, kind: org.kind, keys: await inst.app.services.exchange.keys.ensure() };
}

/** `sender` hands its key card to `authority`, which enrols it with the fingerprint compared. */
export async function enrol(authority: Installation, sender: Installation): Promise<void> {
  const card = join(authority.tmp.dir, `${randomUUID()}.card.json`);
  const saved = await sender.app.services.exchange.keys.exportCard(ACTOR, card);
  await authority.app.services.exchange.enrolment.confirm(ACTOR, { path: card, purpose: 'enrol', fingerprint: saved.fingerprint.digits });
}

/** `sender` hands its card to `recipient`, which enrols it; `recipient` hands its card back and `sender` trusts it. */
export async function link(sender: Installation, recipient: Installation): Promise<void> {
  const senderCard = join(sender.tmp.dir, 'sender.card.json');
  const recipientCard = join(recipient.tmp.dir, 'recipient.card.json');
  const s = await sender.app.services.exchange.keys.exportCard(ACTOR, senderCard);
  const r = await recipient.app.services.exchange.keys.exportCard(ACTOR, recipientCard);
  await recipient.app.services.exchange.enrolment.confirm(ACTOR, { path: senderCard, purpose: 'enrol', fingerprint: s.fingerprint.digits });
  await sender.app.services.exchange.enrolment.confirm(ACTOR, { path: recipientCard, purpose: 'trust', fingerprint: r.fingerprint.hex });
}

/** Every row of every table (sorted), for before/after comparisons. */
export function dumpDatabase(raw: Database.Database, options: { except?: readonly string[] } = {}): Record<string, unknown[]> {
  const tables = (
    raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]
  ).map((t) => t.name);
  const out: Record<string, unknown[]> = {};
  for (const table of tables) {
    if (options.except?.includes(table)) continue;
    const rows = raw
      .prepare(`SELECT * FROM "${table}"`)
      .all()
      .map((r) => JSON.stringify(r));
    out[table] = rows.sort();
  }
  return out;
}

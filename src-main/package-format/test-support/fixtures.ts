/**
 * Parties, packages and reader options for the exchange tests, plus a way to
 * sign deliberately wrong content with a real key (so a test can show that a
 * check holds even when the signature is fine).
 */
import { randomUUID } from 'node:crypto';
import type { OrgMode } from '../../../src-shared/domain/organisation';
import { fixedClock } from '../../ports/clock';
import { canonicalBytes } from '../canonical-json';
import { encodeDataPlaintext, type PackageRecord } from '../data-file';
import { DEFAULT_LIMITS, FORMAT_VERSION, dataEntryName } from '../format';
import { generateInstallationKeys, type InstallationKeys } from '../keys';
import { dataHeaderFor, type DataHeader, type Manifest } from '../manifest';
import type { ReadPackageOptions } from '../reader';
import {
  buildPackageEntries,
  encryptToRecipients,
  sealPackageEntries,
  zipPackageEntries,
  type PackageEntry,
  type PackageRecipient,
  type WritePackageInput,
} from '../writer';
import { buildRawZip, type RawEntry } from './raw-zip';

export const NOW = '2026-02-10T09:30:00.000Z';
export const SCHEMA_VERSION = 3;

export interface Party {
  id: string;
  kind: OrgMode;
  keys: InstallationKeys;
}

export async function makeParty(id: string, kind: OrgMode): Promise<Party> {
  return { id, kind, keys: await generateInstallationKeys() };
}

export function recipientOf(party: Party): PackageRecipient {
  return { id: party.id, ageRecipient: party.keys.age.recipient, keyId: party.keys.age.keyId };
}

export function sampleRecords(count: number, prefix = 's'): PackageRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${prefix}-${i}`,
    version: 1,
    updatedAt: '2026-02-01T10:00:00.000Z',
    grade: 7 + (i % 5),
    risks: ['attendance', 'learning'].slice(0, 1 + (i % 2)),
    note: i % 3 === 0 ? 'Ā ē ī ū š ž — "quoted"\n' : null,
  }));
}

export function packageInput(sender: Party, recipients: readonly Party[], overrides: Partial<WritePackageInput> = {}): WritePackageInput {
  return {
    sender: { id: sender.id, kind: sender.kind, signingKey: sender.keys.signing.privateKey },
    recipients: recipients.map(recipientOf),
    kind: 'school-report',
    period: { schoolYear: '2025/26', semester: 2 },
    seq: 7,
    prevSums: null,
    packageId: randomUUID(),
    createdAt: '2026-02-10T09:00:00.000Z',
    appVersion: '0.1.0',
    schemaVersion: SCHEMA_VERSION,
    files: [{ name: 'records', records: sampleRecords(5) }],
    ...overrides,
  };
}

/** Reader options for `self`, with `enrolled` as the enrolment table. */
export function readerOptions(self: Party, enrolled: readonly Party[], overrides: Partial<ReadPackageOptions> = {}): ReadPackageOptions {
  return {
    lookupSigner: (keyId) => {
      const party = enrolled.find((p) => p.keys.signing.keyId === keyId);
      return party === undefined ? null : { senderId: party.id, publicKeyPem: party.keys.signing.publicKeyPem };
    },
    self: { id: self.id, ageIdentity: self.keys.age.identity, keyId: self.keys.age.keyId },
    supported: { schemaVersion: SCHEMA_VERSION },
    clock: fixedClock(NOW),
    ...overrides,
  };
}

export function manifestOf(input: WritePackageInput, signerKeyId: string): Manifest {
  return {
    format: 'pumpurs-package',
    formatVersion: FORMAT_VERSION,
    schemaVersion: input.schemaVersion,
    appVersion: input.appVersion,
    packageId: input.packageId,
    kind: input.kind,
    sender: { id: input.sender.id, kind: input.sender.kind },
    signerKeyId,
    recipients: input.recipients.map((r) => ({ id: r.id, keyId: r.keyId })),
    period: input.period,
    seq: input.seq,
    prevSums: input.prevSums,
    createdAt: new Date(input.createdAt).toISOString(),
  };
}

export interface CustomPackage {
  /** Signs with this party's key. */
  signer: Party;
  /** Encrypts data files to these (default: the manifest's recipients are taken from `recipients`). */
  recipients: readonly Party[];
  /** The manifest as an object (serialised canonically) or as exact bytes. */
  manifest: Record<string, unknown> | Buffer;
  /** Data files: exact plaintext, or records wrapped with `header` (default: the manifest's binding). */
  dataFiles: ReadonlyArray<{ name: string; plaintext?: Buffer; records?: PackageRecord[]; header?: Record<string, unknown>; ciphertext?: Buffer }>;
  formatVersion?: string;
}

/** Content chosen by the test, sealed with a real signature. */
export async function sealCustomEntries(spec: CustomPackage): Promise<PackageEntry[]> {
  const manifestBytes = Buffer.isBuffer(spec.manifest) ? spec.manifest : canonicalBytes(spec.manifest);
  const manifest = Buffer.isBuffer(spec.manifest) ? (JSON.parse(spec.manifest.toString('utf8')) as Manifest) : (spec.manifest as unknown as Manifest);
  const dataFiles = [];
  for (const f of spec.dataFiles) {
    const plaintext =
      f.plaintext ??
      encodeDataPlaintext({ ...dataHeaderFor(manifest, f.name), ...f.header } as DataHeader, f.records ?? sampleRecords(3), DEFAULT_LIMITS.maxRecordLineBytes);
    const bytes = f.ciphertext ?? (await encryptToRecipients(plaintext, spec.recipients.map(recipientOf)));
    dataFiles.push({ name: dataEntryName(f.name), bytes });
  }
  return sealPackageEntries({
    manifestBytes,
    dataFiles,
    signingKey: spec.signer.keys.signing.privateKey,
    formatVersion: spec.formatVersion ?? FORMAT_VERSION,
  });
}

export async function sealCustom(spec: CustomPackage): Promise<Buffer> {
  return zipPackageEntries(await sealCustomEntries(spec));
}

/** The writer's entries, for tests that re-assemble them with raw-zip. */
export async function validEntries(input: WritePackageInput): Promise<PackageEntry[]> {
  return buildPackageEntries(input);
}

export function asRawEntries(entries: readonly PackageEntry[]): RawEntry[] {
  return entries.map((e) => ({ name: e.name, data: e.bytes, method: e.compress ? 8 : 0 }));
}

export function rawZipOf(entries: readonly PackageEntry[]): Buffer {
  return buildRawZip(asRawEntries(entries));
}

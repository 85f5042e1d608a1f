/**
 * The strict reader: the importer's order of checks (docs/package-format.md,
 * "Order of checks") from the raw file up to decrypted, bound records. Each
 * function below is one check; readPackage runs them in order and turns the
 * first failure into a Refusal. It never throws, and nothing is decrypted
 * before the signature and every hash have been verified.
 *
 * The key that verifies a package always comes from enrolment (lookupSigner),
 * never from the package: the package only says which enrolled key to use.
 */
import { constants as fsConstants } from 'node:fs';
import { open } from 'node:fs/promises';
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { identityToRecipient } from 'age-encryption';
import { ageDecrypt, parseIdentity } from './age-native';
import type { Clock } from '../ports/clock';
import { parseCanonicalJson } from './canonical-json';
import { decodeDataPlaintext, type PackageRecord } from './data-file';
import {
  DEFAULT_LIMITS,
  DEFAULT_MAX_CLOCK_SKEW_MS,
  ENTRY,
  FORMAT_MAJOR,
  FORMAT_MINOR,
  FORMAT_NAME,
  SIGNATURE_BYTES,
  dataFileNameOf,
  type PackageLimits,
} from './format';
import { ageKeyIdOf, sha256Hex, signingKeyIdOf } from './keys';
import { manifestSchema, manifestVersionSchema, newerMinorManifestSchema, parseFormatVersion, type Manifest } from './manifest';
import { asRefusal, refuse, step, stepSync, type PackageWarning, type Refusal } from './refusal';
import type { ReplayDecision } from './replay';
import { openStrictZip, type StrictZip } from './strict-zip';
import { parseSumsListing, readSumsHeader, type SumsHeader } from './sums';

export type PackageSource = { bytes: Buffer } | { path: string };

/** An enrolled signing key, as the enrolment table holds it. */
export interface EnrolledSigner {
  /** The organisation the key is enrolled for. */
  senderId: string;
  /** SPKI PEM of the Ed25519 public key. */
  publicKeyPem: string;
  /** From a verified revocation statement: packages with a higher seq are refused. */
  revokedAfterSeq?: number | null;
}

export interface ReadPackageOptions {
  /** Enrolment lookup by signing key id (hex SHA-256 of the SPKI DER); null when not enrolled. */
  lookupSigner(keyId: string): EnrolledSigner | null | Promise<EnrolledSigner | null>;
  /** This installation as a recipient: its organisation id and age key. */
  self: { id: string; ageIdentity: string; keyId: string };
  /**
   * The newest record schema this app understands. (The format versions it
   * reads are a property of this code: FORMAT_MAJOR, FORMAT_MINOR.)
   */
  supported: { schemaVersion: number };
  clock: Clock;
  limits?: Partial<PackageLimits>;
  maxClockSkewMs?: number;
  /** Called after all policy checks and before decryption; see replay.ts. */
  replayCheck?(manifest: Manifest, sumsHash: string): ReplayDecision | Promise<ReplayDecision>;
}

export interface VerifiedPackage {
  manifest: Manifest;
  /** Logical file name ('records') -> its records, in package order. */
  files: Record<string, PackageRecord[]>;
  /** hex SHA-256 of META-INF/SHA256SUMS: the package's identity for the ledger and the next prevSums. */
  sumsHash: string;
  signerKeyId: string;
  warnings: PackageWarning[];
}

export type ReadPackageResult = { ok: true; value: VerifiedPackage } | { ok: false; refusal: Refusal };

export async function readPackage(source: PackageSource, options: ReadPackageOptions): Promise<ReadPackageResult> {
  try {
    return { ok: true, value: await readVerified(source, options) };
  } catch (err) {
    return { ok: false, refusal: asRefusal(err, 'INTERNAL', 'unexpected').toRefusal() };
  }
}

async function readVerified(source: PackageSource, options: ReadPackageOptions): Promise<VerifiedPackage> {
  const limits = effectiveLimits(options.limits);
  const maxSkewMs = isCount(options.maxClockSkewMs) ? options.maxClockSkewMs : DEFAULT_MAX_CLOCK_SKEW_MS;
  if (!Number.isSafeInteger(options.supported.schemaVersion)) refuse('INTERNAL', 'supported-schema-version-invalid');
  const bytes = await privateSnapshot(source, limits.maxPackageBytes);
  const zip = await openStrictZip(bytes, limits);
  try {
    const signed = await readSignedListing(zip);
    const signer = await enrolledSigner(signed.header.signerKeyId, options);
    verifySumsSignature(signed, signer.publicKey);
    const listing = parseSumsListing(signed.sums.bytes);
    checkListedLayout(listing);
    checkEntriesEqualListing(zip, listing);
    const contents = await readAndHashListedEntries(zip, listing, signed);
    const { manifest, newerMinor, warnings } = parseManifest(contents.get(ENTRY.manifest), signed.header);
    checkSignerIsSender(manifest, signer);
    checkSignerNotRevoked(manifest, signer);
    checkWeAreRecipient(manifest, options.self);
    checkSchemaVersion(manifest, options.supported.schemaVersion);
    checkCreatedAt(manifest, options.clock, maxSkewMs);
    const sumsHash = sha256Hex(signed.sums.bytes);
    warnings.push(...(await replayWarnings(manifest, sumsHash, options)));
    const files = await decryptDataFiles(contents, { manifest, newerMinor }, options.self, limits);
    return { manifest, files, sumsHash, signerKeyId: signed.header.signerKeyId, warnings };
  } finally {
    zip.close();
  }
}

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0;

/** Fails closed: an override that is not a usable number (undefined, NaN, negative) keeps the default. */
function effectiveLimits(overrides: Partial<PackageLimits> | undefined): PackageLimits {
  const limits: PackageLimits = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(DEFAULT_LIMITS) as Array<keyof PackageLimits>) {
    const value = overrides?.[key];
    if (isCount(value)) limits[key] = value;
  }
  return limits;
}

// ------------------------------------------------------------ 1. private snapshot

/**
 * The package is read once, under the size cap, into memory the process owns:
 * later checks and decryption all work on that snapshot, so a file changed on
 * the USB stick mid-import cannot pass one check and feed another. No copy of
 * it is ever written to disk.
 */
async function privateSnapshot(source: PackageSource, maxBytes: number): Promise<Buffer> {
  if ('bytes' in source) {
    if (source.bytes.length > maxBytes) refuse('LIMIT_EXCEEDED', 'package-size');
    return Buffer.from(source.bytes);
  }
  return readFileUnderCap(source.path, maxBytes);
}

async function readFileUnderCap(path: string, maxBytes: number): Promise<Buffer> {
  // O_NONBLOCK: opening a FIFO must not hang; it is then refused as not a regular file.
  const handle = await step('IO_ERROR', 'open', () => open(path, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0)));
  try {
    return await step('IO_ERROR', 'read', async () => {
      const stat = await handle.stat();
      if (!stat.isFile()) refuse('IO_ERROR', 'not-a-file');
      if (stat.size > maxBytes) refuse('LIMIT_EXCEEDED', 'package-size');
      const buffer = Buffer.alloc(stat.size);
      let filled = 0;
      while (filled < buffer.length) {
        const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
        if (bytesRead === 0) refuse('IO_ERROR', 'file-changed');
        filled += bytesRead;
      }
      const { bytesRead: extra } = await handle.read(Buffer.alloc(1), 0, 1, filled);
      if (extra !== 0) refuse('IO_ERROR', 'file-changed');
      return buffer;
    });
  } finally {
    await handle.close().catch(() => undefined);
  }
}

// ------------------------------------------------------------ 2. signature

interface SignedListing {
  sums: { bytes: Buffer; crcOk: boolean };
  signature: { bytes: Buffer; crcOk: boolean };
  header: SumsHeader;
}

/** SHA256SUMS and its signature, each under its cap, and the key id SHA256SUMS names. */
async function readSignedListing(zip: StrictZip): Promise<SignedListing> {
  if (!zip.has(ENTRY.sums)) refuse('CONTAINER_INVALID', 'sums-missing');
  if (!zip.has(ENTRY.signature)) refuse('CONTAINER_INVALID', 'signature-missing');
  const sums = await zip.read(ENTRY.sums);
  const signature = await zip.read(ENTRY.signature);
  return { sums, signature, header: readSumsHeader(sums.bytes) };
}

interface VerifiedSigner extends EnrolledSigner {
  publicKey: KeyObject;
}

/** The enrolled key for the id SHA256SUMS names; its own id must really be that id. */
async function enrolledSigner(keyId: string, options: ReadPackageOptions): Promise<VerifiedSigner> {
  const enrolled = await step('INTERNAL', 'signer-lookup', () => options.lookupSigner(keyId));
  if (enrolled === null || enrolled === undefined) refuse('SIGNER_UNKNOWN', 'not-enrolled');
  const publicKey = stepSync('SIGNER_UNKNOWN', 'enrolled-key-invalid', () => createPublicKey(enrolled.publicKeyPem));
  if (publicKey.asymmetricKeyType !== 'ed25519') refuse('SIGNER_UNKNOWN', 'enrolled-key-invalid');
  if (signingKeyIdOf(publicKey) !== keyId) refuse('SIGNER_UNKNOWN', 'enrolled-key-id-mismatch');
  return { ...enrolled, publicKey };
}

function verifySumsSignature(signed: SignedListing, publicKey: KeyObject): void {
  const signature = signed.signature.bytes;
  if (signature.length !== SIGNATURE_BYTES) refuse('SIGNATURE_INVALID', 'signature-length');
  const valid = stepSync('SIGNATURE_INVALID', 'signature', () => verify(null, signed.sums.bytes, publicKey, signature));
  if (!valid) refuse('SIGNATURE_INVALID', 'signature');
}

// ------------------------------------------------------------ 3. integrity

/** Format 1 lists exactly: mimetype, the manifest, one or more data files. */
function checkListedLayout(listing: ReadonlyMap<string, string>): void {
  if (listing.has(ENTRY.sums) || listing.has(ENTRY.signature)) refuse('CONTAINER_INVALID', 'sums-lists-itself');
  if (!listing.has(ENTRY.mimetype) || !listing.has(ENTRY.manifest)) refuse('CONTAINER_INVALID', 'layout-incomplete');
  let dataFiles = 0;
  for (const path of listing.keys()) {
    if (path === ENTRY.mimetype || path === ENTRY.manifest) continue;
    if (dataFileNameOf(path) === null) refuse('CONTAINER_INVALID', 'layout-unknown-entry');
    dataFiles++;
  }
  if (dataFiles === 0) refuse('CONTAINER_INVALID', 'no-data-files');
}

/** Every entry but SHA256SUMS and its signature is listed, and everything listed is there. */
function checkEntriesEqualListing(zip: StrictZip, listing: ReadonlyMap<string, string>): void {
  for (const path of listing.keys()) if (!zip.has(path)) refuse('INTEGRITY_MISMATCH', 'entry-missing');
  for (const name of zip.names) {
    if (name === ENTRY.sums || name === ENTRY.signature) continue;
    if (!listing.has(name)) refuse('INTEGRITY_MISMATCH', 'entry-unlisted');
  }
}

/**
 * Streams and hashes every listed entry. A CRC-32 mismatch with a correct
 * SHA-256 means damaged ZIP metadata rather than changed content, so it is
 * reported only after every hash (and the signature) has been checked.
 */
async function readAndHashListedEntries(zip: StrictZip, listing: ReadonlyMap<string, string>, signed: SignedListing): Promise<Map<string, Buffer>> {
  const contents = new Map<string, Buffer>();
  let crcOk = signed.sums.crcOk && signed.signature.crcOk;
  for (const name of zip.names) {
    const expected = listing.get(name);
    if (expected === undefined) continue;
    const entry = await zip.read(name);
    if (entry.sha256 !== expected) refuse('INTEGRITY_MISMATCH', 'entry-hash');
    crcOk &&= entry.crcOk;
    contents.set(name, entry.bytes);
  }
  if (!crcOk) refuse('CONTAINER_INVALID', 'entry-crc');
  return contents;
}

// ------------------------------------------------------------ 4. manifest

/**
 * Canonical bytes, then the format version (which decides the schema), then
 * the schema; the manifest must also agree with SHA256SUMS on the version and
 * the signer key id.
 */
function parseManifest(bytes: Buffer | undefined, header: SumsHeader): { manifest: Manifest; newerMinor: boolean; warnings: PackageWarning[] } {
  const value = bytes === undefined ? undefined : parseCanonicalJson(bytes);
  if (value === undefined) refuse('MANIFEST_INVALID', 'not-canonical-json');
  const declared = manifestVersionSchema.safeParse(value);
  if (!declared.success || declared.data.format !== FORMAT_NAME) refuse('MANIFEST_INVALID', 'format');
  const version = parseFormatVersion(declared.data.formatVersion);
  if (version === null) refuse('MANIFEST_INVALID', 'format-version');
  if (version.major !== FORMAT_MAJOR) refuse('UNSUPPORTED_FORMAT', 'format-major');
  if (declared.data.formatVersion !== header.formatVersion) refuse('MANIFEST_INVALID', 'format-version-differs-from-sums');
  const newerMinor = version.minor > FORMAT_MINOR;
  const parsed = (newerMinor ? newerMinorManifestSchema : manifestSchema).safeParse(value);
  if (!parsed.success) refuse('MANIFEST_INVALID', 'schema');
  if (parsed.data.signerKeyId !== header.signerKeyId) refuse('MANIFEST_INVALID', 'signer-key-id-differs-from-sums');
  const warnings: PackageWarning[] = newerMinor ? [{ code: 'UNSUPPORTED_FORMAT', detail: 'format-minor-newer' }] : [];
  return { manifest: parsed.data, newerMinor, warnings };
}

// ------------------------------------------------------------ 5. policy

function checkSignerIsSender(manifest: Manifest, signer: EnrolledSigner): void {
  if (signer.senderId !== manifest.sender.id) refuse('SIGNER_SENDER_MISMATCH', 'signer-not-enrolled-for-sender');
}

/** Fails closed: a revocation mark that is not a whole number counts as revoked. */
function checkSignerNotRevoked(manifest: Manifest, signer: EnrolledSigner): void {
  const after = signer.revokedAfterSeq;
  if (after === undefined || after === null) return;
  if (!Number.isSafeInteger(after) || after < 0) refuse('SIGNER_REVOKED', 'revocation-mark-invalid');
  if (manifest.seq > after) refuse('SIGNER_REVOKED', 'seq-after-revocation');
}

function checkWeAreRecipient(manifest: Manifest, self: ReadPackageOptions['self']): void {
  const forUs = manifest.recipients.find((r) => r.id === self.id);
  if (forUs === undefined) refuse('NOT_FOR_THIS_RECIPIENT', 'not-a-recipient');
  if (forUs.keyId !== self.keyId) refuse('NOT_FOR_THIS_RECIPIENT', 'encrypted-to-other-key');
}

function checkSchemaVersion(manifest: Manifest, supported: number): void {
  if (manifest.schemaVersion > supported) refuse('SCHEMA_FROM_FUTURE', 'schema-version');
}

function checkCreatedAt(manifest: Manifest, clock: Clock, maxSkewMs: number): void {
  if (Date.parse(manifest.createdAt) > clock.now().getTime() + maxSkewMs) refuse('MANIFEST_INVALID', 'created-in-future');
}

// ------------------------------------------------------------ 6. replay

async function replayWarnings(manifest: Manifest, sumsHash: string, options: ReadPackageOptions): Promise<PackageWarning[]> {
  if (options.replayCheck === undefined) return [];
  const check = options.replayCheck.bind(options);
  const decision = await step('INTERNAL', 'replay-check', () => check(manifest, sumsHash));
  if (decision.action !== 'import') refuse(decision.code, decision.detail);
  return decision.warnings;
}

// ------------------------------------------------------------ 7. decryption and binding

async function decryptDataFiles(
  contents: Map<string, Buffer>,
  { manifest, newerMinor }: { manifest: Manifest; newerMinor: boolean },
  self: ReadPackageOptions['self'],
  limits: PackageLimits,
): Promise<Record<string, PackageRecord[]>> {
  const identity = await checkedIdentity(self);
  const files: Record<string, PackageRecord[]> = {};
  for (const [entryName, ciphertext] of [...contents].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const file = dataFileNameOf(entryName);
    if (file === null) continue;
    contents.delete(entryName);
    const plaintext = await step('DECRYPTION_FAILED', 'age', () => ageDecrypt(ciphertext, identity));
    files[file] = stepSync('RECORD_INVALID', 'data-file', () =>
      decodeDataPlaintext(plaintext, { manifest, file, newerMinor, maxLineBytes: limits.maxRecordLineBytes }),
    );
  }
  return files;
}

/** Our own identity, checked against the key id the manifest was addressed to. */
async function checkedIdentity(self: ReadPackageOptions['self']): Promise<string> {
  return step('DECRYPTION_FAILED', 'own-identity-invalid', async () => {
    const recipient = await ownRecipient(self.ageIdentity);
    if (ageKeyIdOf(recipient) !== self.keyId) refuse('DECRYPTION_FAILED', 'own-identity-not-self-key');
    parseIdentity(self.ageIdentity);
    return self.ageIdentity;
  });
}

/** The recipient of our own identity, derived once per identity: an import reads hundreds of packages with one key. */
const ownRecipients = new Map<string, string>();
async function ownRecipient(identity: string): Promise<string> {
  const known = ownRecipients.get(identity);
  if (known !== undefined) return known;
  const recipient = await identityToRecipient(identity);
  if (ownRecipients.size > 16) ownRecipients.clear();
  ownRecipients.set(identity, recipient);
  return recipient;
}

/**
 * The package format layer's public API (docs/package-format.md). The DB
 * layer builds enrolment, the import ledger and the import into tables on
 * these; nothing here touches the database.
 */
export { DEFAULT_LIMITS, DEFAULT_MAX_CLOCK_SKEW_MS, FORMAT_VERSION, MIMETYPE, type PackageLimits } from './format';
export type { Manifest } from './manifest';
export type { JsonValue, PackageRecord } from './data-file';
export { refusalToAppError, type PackageWarning, type Refusal, type WarningCode } from './refusal';
export {
  ageKeyIdOf,
  encodeSignedStatement,
  fingerprintOf,
  generateInstallationKeys,
  loadInstallationKeys,
  makeKeyCard,
  makeKeyRevocation,
  makeKeyRotation,
  pinDecision,
  saveInstallationKeys,
  SECRET_NAMES,
  signingKeyIdOf,
  verifyKeyCard,
  verifyKeyRevocation,
  verifyKeyRotation,
  type AgeKeyPair,
  type Checked,
  type Fingerprint,
  type InstallationKeys,
  type KeyCard,
  type PinnedKeys,
  type PinnedSigner,
  type SignedKeyCard,
  type SignedKeyRevocation,
  type SignedKeyRotation,
  type SigningKeyPair,
} from './keys';
export { writePackage, writePackageWithReceipt, type PackageFileInput, type PackageRecipient, type WritePackageInput, type WrittenPackage } from './writer';
export { readPackage, type EnrolledSigner, type PackageSource, type ReadPackageOptions, type ReadPackageResult, type VerifiedPackage } from './reader';
export { replayDecision, type LedgerImport, type LedgerView, type ReplayDecision } from './replay';

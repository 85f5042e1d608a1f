/**
 * Constants of the exchange package format, version 1 (docs/package-format.md).
 * Everything a reader and a writer must agree on lives here, so an auditor can
 * compare this file with the spec line by line.
 */

/** The first entry of every package, stored uncompressed (as in ASiC/EPUB). */
export const MIMETYPE = 'application/vnd.pumpurs.package+zip';

/** `format` field of the manifest and first word of the SHA256SUMS header line. */
export const FORMAT_NAME = 'pumpurs-package';

/**
 * The format version this code writes and fully understands. A package with
 * another major version is refused; a newer minor version is read with a
 * warning (minor versions only add fields an older reader may ignore).
 */
export const FORMAT_MAJOR = 1;
export const FORMAT_MINOR = 0;
export const FORMAT_VERSION = `${FORMAT_MAJOR}.${FORMAT_MINOR}`;

export const ENTRY = {
  mimetype: 'mimetype',
  manifest: 'META-INF/manifest.json',
  sums: 'META-INF/SHA256SUMS',
  signature: 'META-INF/SHA256SUMS.sig',
} as const;

export const DATA_DIR = 'data/';
export const DATA_SUFFIX = '.ndjson.age';

/** A data file's logical name: `data/<name>.ndjson.age`. */
export const DATA_FILE_NAME = /^[a-z][a-z0-9-]{0,62}$/;

export function dataEntryName(fileName: string): string {
  return `${DATA_DIR}${fileName}${DATA_SUFFIX}`;
}

/** The logical file name of a data entry, or null when `entryName` is not one. */
export function dataFileNameOf(entryName: string): string | null {
  if (!entryName.startsWith(DATA_DIR) || !entryName.endsWith(DATA_SUFFIX)) return null;
  const name = entryName.slice(DATA_DIR.length, entryName.length - DATA_SUFFIX.length);
  return DATA_FILE_NAME.test(name) ? name : null;
}

/** Ed25519 signatures are always 64 bytes. */
export const SIGNATURE_BYTES = 64;

/** Kinds of the first and last line of every decrypted data file. */
export const DATA_HEADER_KIND = 'pumpurs-data-header';

/** Caps the reader enforces; every one can be lowered (or raised) per call. */
export interface PackageLimits {
  /** The whole package file. */
  maxPackageBytes: number;
  /** Central directory records. */
  maxEntries: number;
  /** Uncompressed bytes of one data entry. */
  maxDataEntryBytes: number;
  /** Uncompressed bytes of all entries together. */
  maxTotalBytes: number;
  maxManifestBytes: number;
  maxSumsBytes: number;
  /** Bytes of one NDJSON line after decryption. */
  maxRecordLineBytes: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_LIMITS: Readonly<PackageLimits> = Object.freeze({
  maxPackageBytes: 128 * MiB,
  maxEntries: 64,
  maxDataEntryBytes: 128 * MiB,
  maxTotalBytes: 256 * MiB,
  maxManifestBytes: 64 * 1024,
  maxSumsBytes: 64 * 1024,
  maxRecordLineBytes: 4 * MiB,
});

/** How far in the future a manifest's createdAt may lie (clock skew between offices). */
export const DEFAULT_MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

/**
 * Every entry name, in the ZIP and in SHA256SUMS: ASCII letters, digits, `.`,
 * `_`, `-`, segments joined by `/`, each segment starting with a letter or
 * digit (so no `.`/`..` segment, no absolute path, no backslash, no drive
 * letter, no control or non-ASCII character, no directory entry).
 */
export const SAFE_ENTRY_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}(\/[A-Za-z0-9][A-Za-z0-9._-]{0,63}){0,3}$/;

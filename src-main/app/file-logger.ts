/**
 * The Electron shell's Logger: one JSON line per event, appended to
 * `<dataDir>/logs/main.log` (a packaged app has no console to read). The file
 * is rotated to main.log.1 when it passes `maxBytes`. Like every Logger it
 * must only ever receive ids and codes, never personal data.
 */
import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../ports/logger';

export interface FileLoggerOptions {
  dir: string;
  maxBytes?: number;
  /** Also write to stderr (development). */
  echo?: boolean;
  now?: () => Date;
}

export function createFileLogger(options: FileLoggerOptions): Logger & { file: string } {
  const file = join(options.dir, 'main.log');
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const now = options.now ?? (() => new Date());
  let ready = false;

  function write(level: string, event: string, fields?: Record<string, unknown>): void {
    const line = `${safeStringify({ ...fields, t: now().toISOString(), level, event })}\n`;
    if (options.echo) process.stderr.write(line);
    try {
      if (!ready) {
        mkdirSync(options.dir, { recursive: true, mode: 0o700 });
        ready = true;
      }
      rotateIfBig();
      appendFileSync(file, line, { mode: 0o600 });
    } catch {
      // Logging must never take the app down; a full disk shows up elsewhere.
    }
  }

  function rotateIfBig(): void {
    let size: number;
    try {
      size = statSync(file).size;
    } catch {
      return;
    }
    if (size >= maxBytes) renameSync(file, `${file}.1`);
  }

  return {
    file,
    info: (event, fields) => write('info', event, fields),
    warn: (event, fields) => write('warn', event, fields),
    error: (event, fields) => write('error', event, fields),
  };
}

function safeStringify(value: Record<string, unknown>): string {
  try {
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  } catch {
    return JSON.stringify({ t: value.t, level: value.level, event: value.event, unserialisable: true });
  }
}

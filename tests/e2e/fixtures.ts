/**
 * Each test gets its own test bridge (the real router and services over a
 * fresh SQLite file in a temp folder) and a page opened on it.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { importBundle, inProcess } from './in-process';

interface BridgeHandle {
  url: string;
  dataDir: string;
  /** Tell the bridge what the user picks in the next file dialogs. */
  answerDialogs(answers: { save?: (string | null)[]; open?: string[][] }): Promise<void>;
}

interface StartOptions {
  today?: string;
  /** An already prepared data folder (e.g. filled by the CLI); removed on close like a fresh one. */
  dataDir?: string;
  /** Leave the data folder on close (a test opens the installation again, e.g. on a later day). */
  keepDataDir?: boolean;
}

type BridgeModule = {
  startBridgeServer(options: {
    dataDir: string;
    rendererDir: string;
    resourcesDir: string;
    today?: string;
    quiet?: boolean;
    hashParams?: { N: number; r: number; p: number };
  }): Promise<{ url: string; token: string; invoke(channel: unknown, input: unknown): Promise<unknown>; close(): Promise<void> }>;
};

const root = resolve(import.meta.dirname, '..', '..');

/**
 * scrypt as the unit tests hash: each set-up, staff account and sign-in at the
 * real cost (N=2^17, ~0.4 s of a core and 128 MiB; seconds on a loaded
 * machine) was a large part of the suite's time. password-hash.test.ts keeps
 * the real cost tested; the CLI-made accounts (cli-fixture.ts) keep it too
 * and are re-hashed on their first sign-in here, as the app re-hashes.
 */
const E2E_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };

let loaded: Promise<BridgeModule> | undefined;

/** The built bridge (npm run build): the same bundle `npm run dev:bridge` runs, imported once per worker. */
function bridgeModule(): Promise<BridgeModule> {
  loaded ??= importBundle<BridgeModule>(join(root, 'dist', 'main', 'bridge-server.mjs'));
  return loaded;
}

/**
 * Starts one more bridge with its own fresh data folder (e.g. a second
 * installation: a school and its municipality in one test). Close it at the end.
 */
export async function startBridge(options: StartOptions = {}): Promise<BridgeHandle & { close(): Promise<void> }> {
  const mod = await bridgeModule();
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'pumpurs-e2e-')));
  const server = await mod.startBridgeServer({
    dataDir,
    rendererDir: join(root, 'dist', 'renderer'),
    resourcesDir: join(root, 'resources'),
    quiet: true,
    hashParams: E2E_SCRYPT,
    ...(options.today ? { today: options.today } : {}),
  });
  inProcess.set(server.url, server.invoke);
  return {
    url: server.url,
    dataDir,
    async answerDialogs(answers) {
      const res = await fetch(`${server.url}/__test/dialogs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-pumpurs-bridge-token': server.token },
        body: JSON.stringify(answers),
      });
      if (!res.ok) throw new Error(`dialog answers refused: ${res.status}`);
    },
    async close() {
      inProcess.delete(server.url);
      await server.close();
      if (!options.keepDataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export const test = base.extend<{ bridge: BridgeHandle; bridgeOptions: StartOptions }>({
  bridgeOptions: [{ today: '2025-10-15' }, { option: true }],
  bridge: async ({ bridgeOptions }, use) => {
    const { close, ...bridge } = await startBridge(bridgeOptions);
    await use(bridge);
    await close();
  },
});

/** Fails the test on any console error or uncaught page error (CSP violations included). */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(msg.text());
  });
  page.on('pageerror', (err) => problems.push(err.message));
  return problems;
}

export { expect };

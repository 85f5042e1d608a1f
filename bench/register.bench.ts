/**
 * The student register with a 2,000-student school (the demo-data
 * generator), in Chromium against the built test bridge:
 * - typing in the search box until the filtered list is painted (median of
 *   several queries), against the bare 'students:list' round trip for the
 *   same filter from the same page (what the service and transport cost);
 * - the renderer's initial JavaScript (what index.html loads before the
 *   first screen), gzipped, against all of the renderer's JavaScript.
 */
import { chromium } from '@playwright/test';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import config from '../playwright.config';
import { makeTempDir } from '../src-main/db/testing/temp-db';
import { generateDemoData } from '../src-main/services/demo-data/demo-data';
import { loadRiskCatalogue } from '../src-main/services/school/risk-catalogue-service';
import type { BenchResult } from './measure';

const STUDENTS = 2_000;
const TODAY = '2025-10-15';
/** Typed one after another, each from the full list: names, a class, part of a personal code. */
const QUERIES = ['berz', 'kalniņ', 'anna', 'jān', 'ozol', '7.b', '12.a', '0101', 'liep', 'eglī', 'mar', 'vītol'];
/** The goal for keystroke -> filtered list painted: the whole wait the user sees (issue 12). */
const BUDGET_MS = 100;

const root = join(import.meta.dirname, '..');

interface BridgeModule {
  startBridgeServer(options: {
    dataDir: string;
    rendererDir: string;
    resourcesDir: string;
    today?: string;
    quiet?: boolean;
  }): Promise<{ url: string; token: string; app: { database: { db: Parameters<typeof generateDemoData>[0] } }; close(): Promise<void> }>;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

async function invoke(bridge: { url: string; token: string }, channel: string, input: unknown): Promise<unknown> {
  const response = await fetch(`${bridge.url}/__ipc/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-pumpurs-bridge-token': bridge.token },
    body: JSON.stringify({ channel, input }),
  });
  const result = (await response.json()) as { ok: boolean; value?: unknown; error?: unknown };
  if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.error)}`);
  return result.value;
}

/** What index.html loads before anything else: its module script and the modules it preloads. */
async function jsSizes(): Promise<{ initial: number; initialGz: number; total: number; totalGz: number; files: number }> {
  const dir = join(root, 'dist', 'renderer');
  const html = await readFile(join(dir, 'index.html'), 'utf8');
  const initialFiles = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="\/?([^"]+\.js)"/g)].map((m) => m[1] as string);
  const all = (await readdir(join(dir, 'assets'))).filter((f) => f.endsWith('.js')).map((f) => `assets/${f}`);
  let initial = 0;
  let initialGz = 0;
  let total = 0;
  let totalGz = 0;
  for (const file of all) {
    const content = await readFile(join(dir, file));
    const gz = gzipSync(content, { level: 9 }).length;
    total += content.length;
    totalGz += gz;
    if (initialFiles.includes(file)) {
      initial += content.length;
      initialGz += gz;
    }
  }
  return { initial, initialGz, total, totalGz, files: initialFiles.length };
}

export async function benchRegister(): Promise<BenchResult> {
  const tmp = await makeTempDir('pumpurs-bench-register-');
  // Loaded with Node's source maps off: with them on (tsx turns them on), Node keeps the bundle's 10 MiB map and,
  // once any error's stack passes through the bundle, its 2.5 million parsed mapping segments (~350 MiB of heap)
  // for the life of the process; the benches after this one counted that as their own memory (docs/performance.md).
  const sourceMaps = process.sourceMapsEnabled;
  process.setSourceMapsEnabled(false);
  let mod: BridgeModule;
  try {
    mod = (await import(join(root, 'dist', 'main', 'bridge-server.mjs'))) as BridgeModule;
  } finally {
    process.setSourceMapsEnabled(sourceMaps);
  }
  const bridge = await mod.startBridgeServer({
    dataDir: tmp.dir,
    rendererDir: join(root, 'dist', 'renderer'),
    resourcesDir: join(root, 'resources'),
    today: TODAY,
    quiet: true,
  });
  const browser = await chromium.launch(config.use?.launchOptions ?? {});
  try {
    // The page shares the bridge's one session: set up and signed in as the coordinator.
    await invoke(bridge, 'org:setUp', {
      profile: { name: 'Bench vidusskola', regNo: '4313900456', municipality: 'Madonas novads', schoolType: 'general' },
      coordinator: { username: 'bench', displayName: 'Bench Coordinator', password: 'bench bench bench' },
    });
    const riskCatalogue = await loadRiskCatalogue(join(root, 'resources'));
    await generateDemoData(bridge.app.database.db, { students: STUDENTS, seed: 2025, today: TODAY, riskCatalogue });

    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${bridge.url}/#/students`);
    const count = page.locator('.register-count');
    await count.filter({ hasText: /\d/ }).waitFor();
    const fullText = (await count.textContent()) ?? '';
    const active = Number(/\d+/.exec(fullText)?.[0]);

    const typed: number[] = [];
    const bare: number[] = [];
    const rowsShown: number[] = [];
    // The first query warms up the page and the database; it is not counted.
    for (const [i, query] of [QUERIES[0] as string, ...QUERIES].entries()) {
      // Type the query into the search box and wait until the list shows its result, painted.
      const elapsed = await page.evaluate(
        async ({ query, fullText }) => {
          const input = document.querySelector<HTMLInputElement>('input[type="search"]');
          const count = document.querySelector('.register-count');
          if (!input || !count) throw new Error('register not on screen');
          const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
          const start = performance.now();
          setValue?.call(input, query);
          input.dispatchEvent(new Event('input', { bubbles: true }));
          // (No named functions in here: tsx would wrap them in a helper the page does not have.)
          await new Promise<void>((resolve) => {
            if (count.textContent !== fullText) return resolve();
            const observer = new MutationObserver(() => {
              if (count.textContent !== fullText) {
                observer.disconnect();
                resolve();
              }
            });
            observer.observe(count, { childList: true, characterData: true, subtree: true });
          });
          await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
          return performance.now() - start;
        },
        { query, fullText },
      );
      const shown = await page.getByRole('option').count();
      // The same filter, called bare from the page: the service and the transport alone.
      const filter = /^\d{1,2}\.[a-z]$/.test(query)
        ? { grade: Number(query.split('.')[0]), classLabel: query.split('.')[1], status: 'active' }
        : { query, status: 'active' };
      const roundTrip = await page.evaluate(async (input) => {
        const start = performance.now();
        await window.pumpurs?.invoke('students:list', input);
        return performance.now() - start;
      }, filter);
      if (i > 0) {
        typed.push(elapsed);
        bare.push(roundTrip);
        rowsShown.push(shown);
      }
      // Back to the full list before the next query.
      await page.getByRole('searchbox').fill('');
      await count.filter({ hasText: fullText }).waitFor();
    }
    const sizes = await jsSizes();
    const typedMs = median(typed);
    const bareMs = median(bare);
    return {
      name: `student register: ${STUDENTS} students (${active} active, listed) in Chromium, ${QUERIES.length} searches`,
      lines: [
        `type -> filtered list painted (median):   ${typedMs.toFixed(1)} ms (slowest ${Math.max(...typed).toFixed(1)} ms), no typing pause`,
        `bare students:list round trip (median):   ${bareMs.toFixed(1)} ms (what asking main for each keystroke would cost)`,
        `ratio painted / round trip:               ${(typedMs / bareMs).toFixed(2)}x`,
        `ratio painted / ${BUDGET_MS} ms budget:          ${(typedMs / BUDGET_MS).toFixed(2)}x (goal <= 1)`,
        `rows in the DOM while showing results:    at most ${Math.max(...rowsShown)} (virtualized)`,
        `initial JS (${sizes.files} files from index.html), gzipped: ${kib(sizes.initialGz)} of ${kib(sizes.totalGz)} total (${((sizes.initialGz / sizes.totalGz) * 100).toFixed(0)}%); raw ${kib(sizes.initial)} of ${kib(sizes.total)}`,
      ],
    };
  } finally {
    await browser.close();
    await bridge.close();
    await tmp.remove();
  }
}

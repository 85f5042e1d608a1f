#!/usr/bin/env node
// Runs Doyensec's electronegativity over the code that touches Electron
// (src-main/electron and src-main/preload) AND over what ships (the bundled
// main and preload in dist/), and fails on any finding.
//
//   node scripts/check-electronegativity.mjs [--input DIR ...] [--bundle FILE ...] [--csp FILE]
//
// The bundles: electronegativity's parser does not understand some syntax
// esbuild leaves in a node20 bundle (class private fields, reported as
// "ClassPrivateProperty"), so each bundle is first transformed by esbuild to
// ES2020 (same code, older syntax) into a temporary folder, and that copy is
// scanned, in a run of its own (the bundle repeats the sources, so in one run
// the global checks would see everything twice). Without --input the bundles
// default to dist/main/main.mjs and dist/preload/preload.cjs, which must
// exist (npm run build first: `npm test` builds before test:static); with
// --input only the --bundle files given are scanned.
//
// --csp names the TypeScript module exporting CONTENT_SECURITY_POLICY
// (default src-main/app/content-security-policy.ts; tests pass a weak one).
//
// Why the programmatic API and not `node_modules/.bin/electronegativity`:
// the CLI always exits 0, and with `-o results.csv|sarif` it writes the
// findings but silently drops files it could not parse (runner.js keeps
// those in `errors`, prints them only without -o). A file that does not parse
// is a file that was not checked, so this script fails on those too.
//
// All inputs are copied into one temporary folder and scanned in one run:
// the "global" checks (navigation limits, permission handler, CSP) need to
// see the window factory and the preload together.
//
// One check is not run (NOT_RUN below, printed on every run with its
// reason): the one that downloads Electron's release list. Every other check
// runs. Findings that were reviewed and are not
// problems are listed in REVIEWED below, each with its reason and matched by
// check id AND file, so the same finding anywhere else still fails. They are
// printed on every run, never hidden.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
export const DEFAULT_INPUTS = [join(root, 'src-main', 'electron'), join(root, 'src-main', 'preload')];
export const DEFAULT_BUNDLES = [join(root, 'dist', 'main', 'main.mjs'), join(root, 'dist', 'preload', 'preload.cjs')];
/** What electronegativity's parser reads (its Babel setup predates class private fields and static blocks). */
export const BUNDLE_SCAN_TARGET = 'es2020';

/**
 * Reviewed findings. `file` is relative to the scan folder: `<input folder
 * name>/<path>`, or 'N/A' for global checks about the whole app.
 */
export const REVIEWED = [
  {
    id: 'PRELOAD_JS_CHECK',
    file: 'electron/window-factory.ts',
    reason:
      'Not a misconfiguration: this check marks every preload for manual review. The one preload (src-main/preload/preload.ts) ' +
      'was reviewed: it runs sandboxed with contextIsolation, exposes only invoke/on through contextBridge, allows only ' +
      'contract channels and events, and lint limits its imports to electron and src-shared. Main re-checks every call.',
  },
  {
    id: 'CSP_GLOBAL_CHECK',
    file: 'N/A',
    reason:
      'False positive for this code base: electronegativity only recognises a CSP set through webRequest.onHeadersReceived ' +
      'with literal strings, or a <meta> tag in HTML. Ours is sent as a response header on every app:// response by ' +
      'protocol.handle (src-main/app/app-protocol.ts, unit-tested). To keep the check honest, this script evaluates that ' +
      'exact policy with the same evaluator CSP_GLOBAL_CHECK uses (see checkContentSecurityPolicy).',
  },
];

/** Findings of the CSP evaluator on our policy that were reviewed; matched by directive and value. */
export const REVIEWED_CSP_FINDINGS = [
  {
    directive: 'script-src',
    value: "'self'",
    reason:
      "'self' is app://pumpurs, which serves only the built renderer from dist/renderer inside app.asar: no JSONP " +
      'endpoints, no Angular, no user-uploaded files are ever served from that origin.',
  },
];

/**
 * Checks not run, each with its reason (printed on every run). Matched by
 * electronegativity's class name; a misspelt name makes it exit with an error.
 */
export const NOT_RUN = [
  {
    check: 'AvailableSecurityFixesGlobalCheck',
    reason:
      "downloads Electron's release list on every run (no network in CI: ~6 s of retries, then nothing), and reads the Electron " +
      'version from a package.json, which the scanned folders do not hold. Electron is pinned exactly in package.json and ' +
      'moved by hand with its release notes.',
  },
];

function electronVersion() {
  return JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
}

const isReviewed = (issue) => REVIEWED.find((r) => r.id === issue.id && r.file === issue.file);

/** Scans `inputs` (folders) in one run. Returns { findings, reviewed, parseErrors, warnings }. */
export async function scanWithElectronegativity(inputs = DEFAULT_INPUTS) {
  const scanDir = await mkdtemp(join(tmpdir(), 'pumpurs-electronegativity-'));
  const origin = new Map();
  try {
    const used = new Set();
    for (const input of inputs) {
      let name = basename(input);
      for (let i = 2; used.has(name); i++) name = `${basename(input)}-${i}`;
      used.add(name);
      origin.set(name, input);
      await cp(input, join(scanDir, name), { recursive: true });
    }
    const run = require('@doyensec/electronegativity');
    const result = await run(
      {
        input: scanDir,
        output: undefined,
        isSarif: false,
        customScan: [],
        excludeFromScan: NOT_RUN.map((c) => c.check),
        severitySet: undefined,
        confidenceSet: undefined,
        isRelative: true,
        isVerbose: false,
        electronUpgrade: undefined,
        electronVersionOverride: electronVersion(),
        parserPlugins: [],
      },
      false,
    );
    const where = (file) => {
      if (file === 'N/A') return 'N/A';
      const [first, ...rest] = file.split(/[\\/]/);
      const base = origin.get(first);
      return base ? relative(process.cwd(), join(base, ...rest)) || file : file;
    };
    const describe = (issue) => ({
      id: issue.id,
      file: issue.file,
      source: where(issue.file),
      line: issue.location?.line ?? 0,
      column: issue.location?.column ?? 0,
      severity: issue.severity?.name ?? String(issue.severity?.value ?? ''),
      confidence: issue.confidence?.name ?? String(issue.confidence?.value ?? ''),
      description: issue.description,
    });
    const scanned = (file) => relative(scanDir, file);
    return {
      findings: result.issues.filter((i) => !isReviewed(i)).map(describe),
      reviewed: result.issues.filter((i) => isReviewed(i)).map((i) => ({ ...describe(i), reason: isReviewed(i).reason })),
      parseErrors: result.errors.filter((e) => !e.tolerable).map((e) => ({ file: where(scanned(e.file)), message: e.message })),
      warnings: result.errors.filter((e) => e.tolerable).map((e) => ({ file: where(scanned(e.file)), message: e.message })),
    };
  } finally {
    await rm(scanDir, { recursive: true, force: true });
  }
}

/**
 * Scans the shipped bundles: each is transformed by esbuild to
 * BUNDLE_SCAN_TARGET into a temporary folder `bundle/` (named `<name>.js`, an
 * extension electronegativity reads), and that folder is scanned on its own.
 * A bundle that is missing is a parse error: what was not checked fails.
 */
export async function scanBundles(bundles = DEFAULT_BUNDLES) {
  const { transform } = await import('esbuild');
  const work = await mkdtemp(join(tmpdir(), 'pumpurs-electronegativity-bundle-'));
  const copy = join(work, 'bundle');
  const missing = [];
  try {
    await mkdir(copy);
    for (const bundle of bundles) {
      let code;
      try {
        code = await readFile(bundle, 'utf8');
      } catch {
        missing.push({ file: relative(process.cwd(), bundle) || bundle, message: 'bundle not found (run npm run build first)' });
        continue;
      }
      const format = bundle.endsWith('.cjs') ? 'cjs' : 'esm';
      const out = await transform(code, { loader: 'js', format, target: BUNDLE_SCAN_TARGET, sourcemap: false, legalComments: 'none' });
      const name = basename(bundle).replace(/\.[cm]?js$/, '');
      await writeFile(join(copy, `${name}.js`), out.code);
    }
    const scan = missing.length === bundles.length ? { findings: [], reviewed: [], parseErrors: [], warnings: [] } : await scanWithElectronegativity([copy]);
    const named = (file) => {
      const name = file.split(/[\\/]/).pop()?.replace(/\.js$/, '');
      const bundle = bundles.find((b) => basename(b).replace(/\.[cm]?js$/, '') === name);
      return bundle ? `${relative(process.cwd(), bundle) || bundle} (as ${BUNDLE_SCAN_TARGET})` : file;
    };
    const rename = (items) => items.map((i) => ({ ...i, source: i.source === undefined ? undefined : named(i.source), file: i.file }));
    return {
      findings: rename(scan.findings),
      reviewed: rename(scan.reviewed),
      parseErrors: [...missing, ...scan.parseErrors.map((e) => ({ ...e, file: named(e.file) }))],
      warnings: scan.warnings.map((w) => ({ ...w, file: named(w.file) })),
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * Evaluates the app's real Content-Security-Policy with @doyensec/csp-evaluator
 * (what CSP_GLOBAL_CHECK would do had it found it), using that check's
 * threshold: anything from HIGH to MEDIUM_MAYBE is a finding.
 */
export const DEFAULT_CSP_MODULE = join(root, 'src-main', 'app', 'content-security-policy.ts');

export async function checkContentSecurityPolicy(cspModule = DEFAULT_CSP_MODULE) {
  const { tsImport } = await import('tsx/esm/api');
  const { CONTENT_SECURITY_POLICY } = await tsImport(cspModule, import.meta.url);
  if (typeof CONTENT_SECURITY_POLICY !== 'string' || CONTENT_SECURITY_POLICY.trim() === '') {
    throw new Error(`${cspModule} does not export a CONTENT_SECURITY_POLICY string`);
  }
  const csp = require('@doyensec/csp-evaluator');
  const parsed = new csp.CspParser(CONTENT_SECURITY_POLICY);
  const results = new csp.CspEvaluator(parsed.csp, csp.Version.CSP3).evaluate();
  const relevant = results.filter((f) => f.severity <= csp.severities.MEDIUM_MAYBE);
  const isReviewedCsp = (f) => REVIEWED_CSP_FINDINGS.find((r) => r.directive === f.directive && r.value === f.value);
  const name = Object.fromEntries(Object.entries(csp.severities).map(([k, v]) => [v, k]));
  const show = (f) => ({ directive: f.directive, value: f.value, severity: name[f.severity] ?? String(f.severity), description: f.description });
  return {
    policy: CONTENT_SECURITY_POLICY,
    findings: relevant.filter((f) => !isReviewedCsp(f)).map(show),
    reviewed: relevant.filter((f) => isReviewedCsp(f)).map((f) => ({ ...show(f), reason: isReviewedCsp(f).reason })),
  };
}

async function main() {
  const { values } = parseArgs({ options: { input: { type: 'string', multiple: true }, bundle: { type: 'string', multiple: true }, csp: { type: 'string' } } });
  const inputs = values.input?.length ? values.input.map((p) => resolve(p)) : DEFAULT_INPUTS;
  const bundles = values.bundle?.length ? values.bundle.map((p) => resolve(p)) : values.input?.length ? [] : DEFAULT_BUNDLES;
  const sourceScan = await scanWithElectronegativity(inputs);
  const bundleScan = bundles.length > 0 ? await scanBundles(bundles) : { findings: [], reviewed: [], parseErrors: [], warnings: [] };
  const scan = {
    findings: [...sourceScan.findings, ...bundleScan.findings],
    reviewed: [...sourceScan.reviewed, ...bundleScan.reviewed],
    parseErrors: [...sourceScan.parseErrors, ...bundleScan.parseErrors],
    warnings: [...sourceScan.warnings, ...bundleScan.warnings],
  };
  const cspCheck = await checkContentSecurityPolicy(values.csp ? resolve(values.csp) : DEFAULT_CSP_MODULE);
  const out = (line) => process.stdout.write(`${line}\n`);

  out(
    `electronegativity ${require('@doyensec/electronegativity/package.json').version}, Electron ${electronVersion()}, scanned: ${[...inputs, ...bundles].map((i) => relative(process.cwd(), i) || i).join(', ')}${bundles.length > 0 ? ` (bundles as ${BUNDLE_SCAN_TARGET})` : ''}`,
  );
  for (const n of NOT_RUN) out(`  not run ${n.check}: ${n.reason}`);
  for (const w of scan.warnings) out(`  warning: ${w.file}: ${w.message}`);
  for (const r of scan.reviewed) out(`  reviewed ${r.id} at ${r.source}:${r.line}: ${r.reason}`);
  for (const r of cspCheck.reviewed) out(`  reviewed CSP ${r.directive} ${r.value} (${r.severity}): ${r.reason}`);

  const failures = [
    ...scan.parseErrors.map((e) => `NOT SCANNED (parse error) ${e.file}: ${e.message}`),
    ...scan.findings.map((f) => `${f.id} [${f.severity}/${f.confidence}] ${f.source}:${f.line}:${f.column} ${f.description}`),
    ...cspCheck.findings.map((f) => `CSP ${f.directive} ${f.value ?? ''} [${f.severity}] ${f.description} (policy: ${cspCheck.policy})`),
  ];
  if (failures.length > 0) {
    process.stderr.write(`electronegativity: ${failures.length} finding(s):\n`);
    for (const line of failures) process.stderr.write(`  ${line}\n`);
    process.exit(1);
  }
  out('electronegativity: 0 findings');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}

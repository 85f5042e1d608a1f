/**
 * The admin policy on Windows through Group Policy: the same settings as the
 * machine's policy.json, read from `HKLM\SOFTWARE\Policies\PuMPuRS` (then
 * `HKCU\…`, which the machine's value always beats) with `reg query` (no
 * native module). The ADMX/ADML templates in resources/policy-templates
 * write exactly these values. `DataDir` is the per-machine data folder (for
 * example C:\ProgramData\PuMPuRS): every Windows account on a shared office
 * PC then opens the one organisation database.
 *
 * Values: DWORDs for the numeric settings and UpdatesEnabled (0/1); REG_SZ or
 * REG_EXPAND_SZ (with %VARIABLES% expanded) for DataDir. Unknown values are
 * ignored; a value of the wrong type is ignored and reported.
 */
import { isSettingKey } from '../../src-shared/domain/settings';

export const POLICY_KEYS = ['HKLM\\SOFTWARE\\Policies\\PuMPuRS', 'HKCU\\SOFTWARE\\Policies\\PuMPuRS'] as const;

export interface RegistryValue {
  type: string;
  data: string;
}

/** `reg query KEY` output → values by name (the first key block only; sub-keys are not used). */
export function parseRegQuery(output: string): Map<string, RegistryValue> {
  const values = new Map<string, RegistryValue>();
  for (const line of output.split(/\r?\n/)) {
    // "    name    REG_TYPE    data": reg separates the columns with four spaces.
    const m = /^ {4}(.+?) {4}(REG_[A-Z_]+)(?: {4}(.*))?$/.exec(line);
    if (m) values.set(m[1] as string, { type: m[2] as string, data: m[3] ?? '' });
  }
  return values;
}

export interface RegistryPolicy {
  /** Settings as in policy.json (`session.idleMinutes`, …), plus `updates.enabled`. */
  policy: Record<string, unknown>;
  /** The per-machine data folder, if IT set one. */
  dataDir?: string;
  /** Values that were ignored, and why (for the log). */
  ignored: string[];
}

function expand(text: string, env: NodeJS.ProcessEnv): string {
  return text.replace(/%([^%]+)%/g, (whole, name: string) => {
    const key = Object.keys(env).find((k) => k.toLowerCase() === name.toLowerCase());
    return key !== undefined ? (env[key] ?? whole) : whole;
  });
}

function dword(value: RegistryValue): number | null {
  if (value.type !== 'REG_DWORD') return null;
  const n = Number.parseInt(value.data, 16);
  return /^0x[0-9a-f]{1,8}$/i.test(value.data) && Number.isSafeInteger(n) ? n : null;
}

/** Machine values first, then the user's for what the machine leaves unset. */
export function registryPolicy(machine: Map<string, RegistryValue>, user: Map<string, RegistryValue>, env: NodeJS.ProcessEnv): RegistryPolicy {
  const out: RegistryPolicy = { policy: {}, ignored: [] };
  for (const [scope, values] of [
    ['HKLM', machine],
    ['HKCU', user],
  ] as const) {
    for (const [name, value] of values) {
      if (name === 'DataDir') {
        if (out.dataDir !== undefined) continue;
        if ((value.type === 'REG_SZ' || value.type === 'REG_EXPAND_SZ') && /^[a-zA-Z]:\\|^\\\\/.test(expand(value.data, env)))
          out.dataDir = expand(value.data, env);
        else out.ignored.push(`${scope}\\DataDir: not an absolute folder`);
      } else if (name === 'UpdatesEnabled') {
        if ('updates' in out.policy) continue;
        const n = dword(value);
        if (n === 0 || n === 1) out.policy.updates = { enabled: n === 1 };
        else out.ignored.push(`${scope}\\UpdatesEnabled: not a DWORD 0 or 1`);
      } else if (isSettingKey(name)) {
        if (name in out.policy) continue;
        const n = dword(value);
        if (n !== null) out.policy[name] = n;
        else out.ignored.push(`${scope}\\${name}: not a DWORD`);
      } else {
        out.ignored.push(`${scope}\\${name}: unknown`);
      }
    }
  }
  return out;
}

/** Runs `reg query` for both keys through `run` (execFileSync in main); a missing key (reg exits 1) is no values. */
export function readRegistryPolicy(run: (args: string[]) => string, env: NodeJS.ProcessEnv): RegistryPolicy {
  const query = (key: string) => {
    try {
      return parseRegQuery(run(['query', key]));
    } catch {
      return new Map<string, RegistryValue>();
    }
  };
  return registryPolicy(query(POLICY_KEYS[0]), query(POLICY_KEYS[1]), env);
}

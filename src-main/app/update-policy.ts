/**
 * Whether PuMPuRS may update itself. Schools' IT often deploys software
 * centrally (MSI, GPO, Intune, apt repositories), so an administrator can
 * switch self-updates off:
 *  - machine-wide, in the admin policy file: { "updates": { "enabled": false } }
 *  - on Windows by Group Policy: the DWORD UpdatesEnabled = 0 under
 *    HKLM\SOFTWARE\Policies\PuMPuRS (or HKCU\…, when the machine leaves it
 *    unset), read by src-main/electron/main.ts with `reg query`
 *    (windows-registry-policy.ts) and handed to the updater;
 *  - for one process, with the environment variable PUMPURS_DISABLE_UPDATES=1.
 * Any one of them turns updates off; UpdatesEnabled = 1 does not turn on
 * what the policy file turns off (docs/data-safety.md, "Windows policy"). A policy file that exists but cannot be read
 * or parsed also turns them off: an admin who wrote a policy meant to manage
 * the machine, so we do not guess.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { FILE_CAPS, readFileCapped } from '../ports/capped-read';

export const DISABLE_UPDATES_ENV = 'PUMPURS_DISABLE_UPDATES';

/**
 * The machine-wide admin policy file, writable only by administrators:
 * Windows %ProgramData%\PuMPuRS\policy.json, macOS
 * /Library/Application Support/PuMPuRS/policy.json, Linux /etc/pumpurs/policy.json.
 */
export function adminPolicyFile(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string {
  if (platform === 'win32') return join(env.ProgramData ?? env.ALLUSERSPROFILE ?? 'C:\\ProgramData', 'PuMPuRS', 'policy.json');
  if (platform === 'darwin') return '/Library/Application Support/PuMPuRS/policy.json';
  return '/etc/pumpurs/policy.json';
}

/** Only the part of the policy this module reads; other keys belong to other settings and are left alone. */
const updatePolicySchema = z.object({
  updates: z.object({ enabled: z.boolean().optional() }).optional(),
});

export type PolicyRead = { kind: 'absent' } | { kind: 'invalid'; problem: string } | { kind: 'read'; updatesEnabled: boolean | undefined };

export async function readUpdatePolicy(file: string): Promise<PolicyRead> {
  let text: string;
  try {
    text = (await readFileCapped(file, FILE_CAPS.smallJson)).toString('utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'absent' };
    return { kind: 'invalid', problem: `cannot read: ${(err as NodeJS.ErrnoException).code ?? 'error'}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { kind: 'invalid', problem: 'not JSON' };
  }
  const parsed = updatePolicySchema.safeParse(json);
  if (!parsed.success) return { kind: 'invalid', problem: parsed.error.issues.map((i) => i.path.join('.') || '(root)').join(', ') };
  return { kind: 'read', updatesEnabled: parsed.data.updates?.enabled };
}

export type UpdateDecision = { enabled: true } | { enabled: false; reason: 'env' | 'registry' | 'policy' | 'policy-invalid' };

/**
 * UpdatesEnabled from Group Policy, as windows-registry-policy.ts puts it in
 * its policy object (`updates: {enabled}`); undefined when not set (or not
 * on Windows: no registry policy at all).
 */
export function registryUpdatesEnabled(registryPolicy: Readonly<Record<string, unknown>> | null | undefined): boolean | undefined {
  const updates = registryPolicy?.updates;
  if (typeof updates !== 'object' || updates === null) return undefined;
  const enabled = (updates as { enabled?: unknown }).enabled;
  return typeof enabled === 'boolean' ? enabled : undefined;
}

export function decideUpdates(env: NodeJS.ProcessEnv, policy: PolicyRead, registryEnabled?: boolean): UpdateDecision {
  if (env[DISABLE_UPDATES_ENV] === '1') return { enabled: false, reason: 'env' };
  if (registryEnabled === false) return { enabled: false, reason: 'registry' };
  if (policy.kind === 'invalid') return { enabled: false, reason: 'policy-invalid' };
  if (policy.kind === 'read' && policy.updatesEnabled === false) return { enabled: false, reason: 'policy' };
  return { enabled: true };
}

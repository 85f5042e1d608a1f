/**
 * Whether PuMPuRS may update itself. Schools' IT often deploys software
 * centrally (MSI, GPO, Intune, apt repositories), so an administrator can
 * switch self-updates off:
 *  - machine-wide, in the admin policy file: { "updates": { "enabled": false } }
 *  - for one process, with the environment variable PUMPURS_DISABLE_UPDATES=1.
 * Either one turns updates off. A policy file that exists but cannot be read
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

export type PolicyRead =
  | { kind: 'absent' }
  | { kind: 'invalid'; problem: string }
  | { kind: 'read'; updatesEnabled: boolean | undefined };

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

export type UpdateDecision = { enabled: true } | { enabled: false; reason: 'env' | 'policy' | 'policy-invalid' };

export function decideUpdates(env: NodeJS.ProcessEnv, policy: PolicyRead): UpdateDecision {
  if (env[DISABLE_UPDATES_ENV] === '1') return { enabled: false, reason: 'env' };
  if (policy.kind === 'invalid') return { enabled: false, reason: 'policy-invalid' };
  if (policy.kind === 'read' && policy.updatesEnabled === false) return { enabled: false, reason: 'policy' };
  return { enabled: true };
}

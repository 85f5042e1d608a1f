/**
 * Self-updates with electron-updater, behind the Updater port. Nothing
 * happens unless the app is packaged and neither PUMPURS_DISABLE_UPDATES=1,
 * Group Policy (UpdatesEnabled = 0, read by main.ts from the registry) nor
 * the admin policy ({"updates":{"enabled":false}}) turns updates off;
 * when off, electron-updater is not even touched. When on: one check per
 * start, download in the background, install when the user quits.
 */
import electronUpdater from 'electron-updater';
import { adminPolicyFile, decideUpdates, readUpdatePolicy, registryUpdatesEnabled } from '../app/update-policy';
import type { Logger } from '../ports/logger';
import type { Updater } from '../ports/updater';

export interface ElectronUpdaterOptions {
  log: Logger;
  isPackaged: boolean;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** Group Policy on Windows (windows-registry-policy.ts: `updates.enabled` from UpdatesEnabled); null elsewhere. */
  registryPolicy: Readonly<Record<string, unknown>> | null;
}

const short = (message: unknown) => String(message).slice(0, 300);

export function createElectronUpdater(options: ElectronUpdaterOptions): Updater {
  const { log } = options;
  return {
    async start() {
      if (!options.isPackaged) {
        log.info('updates.skipped', { reason: 'not-packaged' });
        return;
      }
      const policyFile = adminPolicyFile(options.platform, options.env);
      const policy = await readUpdatePolicy(policyFile);
      if (policy.kind === 'invalid') log.warn('updates.policyInvalid', { file: policyFile, problem: policy.problem });
      const decision = decideUpdates(options.env, policy, registryUpdatesEnabled(options.registryPolicy));
      if (!decision.enabled) {
        log.info('updates.disabled', { reason: decision.reason });
        return;
      }

      const { autoUpdater } = electronUpdater;
      autoUpdater.logger = {
        info: () => undefined,
        warn: (message: unknown) => log.warn('updates.warning', { message: short(message) }),
        error: (message: unknown) => log.error('updates.error', { message: short(message) }),
      };
      autoUpdater.autoDownload = true;
      autoUpdater.autoInstallOnAppQuit = true;
      autoUpdater.allowPrerelease = false;
      autoUpdater.allowDowngrade = false;
      autoUpdater.on('update-available', (info) => log.info('updates.available', { version: info.version }));
      autoUpdater.on('update-downloaded', (info) => log.info('updates.downloaded', { version: info.version }));
      autoUpdater.on('error', (err) => log.warn('updates.failed', { error: short(err.message) }));
      try {
        await autoUpdater.checkForUpdates();
      } catch (err) {
        log.warn('updates.failed', { error: short(err instanceof Error ? err.message : err) });
      }
    },
  };
}

/**
 * Application updates as a port. The Electron implementation
 * (src-main/electron/updater.ts) wraps electron-updater; everything else
 * (CLI, test bridge, tests) uses the no-op one, which never touches the
 * network.
 */
export interface Updater {
  /** Starts a background check-and-download if policy allows; resolves once that decision is made and acted on. */
  start(): Promise<void>;
}

export const noopUpdater: Updater = {
  async start() {},
};

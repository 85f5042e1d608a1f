/**
 * The CLI inside the installed app: `PuMPuRS --cli <verb> [options]` (or
 * the `pumpurs` launcher the installers put on PATH) runs the same verbs as
 * `npx pumpurs`, on the same data folder, with the app's own key store
 * (safeStorage), so an admin needs no Node.js and the CLI never forks the
 * keys. main.ts dispatches before any window, lock or session exists.
 */

/** The CLI's arguments when `--cli` is on the command line (everything after it), or null for a normal start. */
export function cliArgumentsOf(argv: readonly string[]): string[] | null {
  const at = argv.indexOf('--cli');
  return at < 0 ? null : argv.slice(at + 1);
}

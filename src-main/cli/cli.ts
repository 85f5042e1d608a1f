/** Headless entry for admins and automation (`pumpurs`). Verbs come with the school-data issue. */
export async function runCli(argv: string[]): Promise<number> {
  process.stderr.write(`pumpurs: no verbs yet (${argv.join(' ')})\n`);
  return 2;
}

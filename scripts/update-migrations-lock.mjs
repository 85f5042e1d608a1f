// Records the hash of every migration file in src-main/db/migrations/migrations.lock.json.
// Run it once when you ADD a migration. A shipped migration is never edited:
// src-main/db/migrations/migrations.test.ts fails if a locked file changes.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';

const dir = 'src-main/db/migrations';
const lockFile = `${dir}/migrations.lock.json`;
const lock = JSON.parse(readFileSync(lockFile, 'utf8'));
for (const file of readdirSync(dir)
  .filter((f) => /^\d{4}-.*\.ts$/.test(f) && !f.endsWith('.test.ts'))
  .sort()) {
  const name = file.replace(/\.ts$/, '');
  const hash = createHash('sha256')
    .update(readFileSync(`${dir}/${file}`))
    .digest('hex');
  if (lock[name] && lock[name] !== hash) {
    console.error(`${name} changed after it was locked. Migrations are append-only: add a new one instead.`);
    process.exit(1);
  }
  lock[name] = hash;
}
writeFileSync(lockFile, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`locked ${Object.keys(lock).length} migrations`);

import { sql, type Kysely } from 'kysely';

/**
 * User names become one spelling: trimmed, NFC, lower case in Latvian (the
 * column's COLLATE NOCASE folds only A-Z, so "ĀDAMS" and "ādams" could be two
 * accounts). From now on the app stores and looks up only that spelling.
 * Existing names are rewritten here, each change audited (ids only). A name
 * whose normalised spelling another account already has (or would get) is
 * left as it is, for a coordinator to sort out: sign-in still finds it by its
 * exact spelling. The rule is written out here, not imported, so this file
 * keeps meaning what it meant when it shipped.
 */
const normalise = (name: string) => name.trim().normalize('NFC').toLocaleLowerCase('lv').normalize('NFC');

export async function up(db: Kysely<unknown>): Promise<void> {
  const users = (await sql<{ id: string; username: string }>`SELECT id, username FROM staff_user ORDER BY created_at, id`.execute(db)).rows;
  const spellings = new Map<string, number>();
  for (const u of users) {
    const key = normalise(u.username);
    spellings.set(key, (spellings.get(key) ?? 0) + 1);
  }
  const at = new Date().toISOString();
  for (const u of users) {
    const username = normalise(u.username);
    if (username === u.username || spellings.get(username) !== 1) continue;
    await sql`UPDATE staff_user SET username = ${username} WHERE id = ${u.id}`.execute(db);
    await sql`INSERT INTO audit_log (at, actor_id, actor_name, action, entity, entity_id, detail)
      VALUES (${at}, 'app', 'PuMPuRS', 'update', 'staff_user', ${u.id}, ${JSON.stringify({ fields: ['username'], via: '0005-normalise-usernames' })})`.execute(db);
  }
}

import { sql } from '/work/main/node_modules/kysely';
import { mkdtempSync } from 'node:fs';
import { openStore } from '/work/main/src/main/db/connection';
import { generateDatabaseKey } from '/work/main/src/main/db/keyring';
import { searchQuery } from '/work/main/src/main/services/search';
import { planSearch } from '/work/main/src/shared/search/query';
async function main() {
  const store = await openStore(mkdtempSync('/tmp/pt/db-'), generateDatabaseKey(), { create: true });
  const users = [
    { id: '0190a000-0000-7000-8000-000000000001', username: 'c', displayName: 'c', role: 'counsellor' as const, mustChangePassword: false },
    { id: '0190a000-0000-7000-8000-000000000002', username: 'd', displayName: 'd', role: 'director' as const, mustChangePassword: false },
  ];
  for (const analyze of [false, true]) {
    if (analyze) await sql`ANALYZE`.execute(store.db);
    for (const user of users) for (const q of ['调解', '张']) {
      const plan = planSearch(q);
      if (plan.kind === 'empty') continue;
      const c = searchQuery(store.db, user, plan, 21).compile();
      const rows = store.sqlite.prepare(`EXPLAIN QUERY PLAN ${c.sql}`).all(...(c.parameters as unknown[]));
      console.log(analyze, user.role, q, rows.map((r: any) => r.detail));
    }
  }
  await store.close();
}
void main();

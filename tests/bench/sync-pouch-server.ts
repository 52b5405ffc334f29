/*
 * The PouchDB baseline's server in its own process (forked by sync-process.ts): express-pouchdb over
 * PouchDB's default Node adapter (LevelDB) in the directory it is given, on 127.0.0.1 over plain HTTP.
 * Sends its port, then waits for 'stop'.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Server } from 'node:http';

interface PouchConstructor {
  defaults(options: { prefix: string }): unknown;
}
type ExpressPouch = (
  pouch: unknown,
  options: { mode: string; inMemoryConfig: boolean; logPath: string },
) => { listen(port: number, host: string, ready: () => void): Server };

const load = createRequire(__filename);

process.once('message', (start: { dir: string }) => {
  const PouchDB = load('pouchdb') as PouchConstructor;
  const expressPouch = load('express-pouchdb') as ExpressPouch;
  const app = expressPouch(PouchDB.defaults({ prefix: `${start.dir}/` }), {
    mode: 'minimumForPouchDB',
    inMemoryConfig: true,
    logPath: join(start.dir, 'log.txt'),
  });
  const server = app.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
  });
  process.on('message', (m: { op?: string }) => {
    if (m.op === 'stop') server.close(() => process.disconnect());
  });
});

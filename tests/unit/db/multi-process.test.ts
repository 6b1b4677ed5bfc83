// Several server processes over one SQLite file (what `npm start` runs on a multi-core machine):
// transactions that read and then write, from two processes at once, all succeed and run one
// after another. With SQLite's deferred BEGIN, one that read before the other committed failed
// at its write with SQLITE_BUSY (its snapshot was stale); lib/db/write-gate.ts takes the write
// lock at BEGIN instead.
import { execFile, execFileSync } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../../..');
let dir: string;
let url: string;

beforeAll(async () => {
  const fs = await import('node:fs');
  const os = await import('node:os');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-multi-process-'));
  url = `file:${path.join(dir, 'shared.db')}`;
  execFileSync(path.join(root, 'node_modules', '.bin', 'prisma'), ['migrate', 'deploy'], { cwd: root, env: { ...process.env, DATABASE_URL: url }, stdio: 'ignore' });
}, 120_000);

afterAll(async () => {
  const fs = await import('node:fs');
  fs.rmSync(dir, { recursive: true, force: true });
});

it('read-then-write transactions from two processes on one SQLite file all commit, one after another', async () => {
  const perProcess = 25;
  const worker = (label: string) =>
    run(path.join(root, 'node_modules', '.bin', 'tsx'), [path.join(__dirname, 'fixtures', 'transaction-worker.ts'), url, label, String(perProcess)], { cwd: root });
  const results = await Promise.all([worker('a'), worker('b')]);
  const reports = results.map((r) => JSON.parse(r.stdout.trim().split('\n').at(-1) as string) as { failures: number });
  expect(reports.map((r) => r.failures), results.map((r) => r.stderr).join('\n')).toEqual([0, 0]);

  // Each transaction saw every one committed before it: the counts it read are 0…49, once each.
  const Database = (await import('better-sqlite3')).default;
  const db = new Database(url.slice('file:'.length), { readonly: true });
  const rows = db.prepare('SELECT at FROM "SignUpAttempt" WHERE client = ? ORDER BY at').all('shared') as { at: string }[];
  db.close();
  expect(rows.map((r) => new Date(r.at).getUTCMilliseconds())).toEqual(Array.from({ length: 2 * perProcess }, (_, i) => i));
}, 120_000);

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';

const folders: string[] = [];
const dataDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'data-dir-lock-'));
  folders.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** One service per embedded data folder (issue 15, item 8): a second one would open its own copy of the database. */
describe('the embedded database is locked to one service', () => {
  it('refuses a second service on the same folder, and lets one in once the first has closed', async () => {
    const dir = dataDir();
    const first = await openStore({ kind: 'embedded', dataDir: dir }, 'supabase');
    await expect(openStore({ kind: 'embedded', dataDir: dir }, 'supabase')).rejects.toThrow(/is in use by another service/);
    await first.store.close();
    const again = await openStore({ kind: 'embedded', dataDir: dir }, 'supabase');
    await again.store.close();
  }, 60_000);

  it('takes over a lock left by a process that is gone (a crash), or by an earlier process with our pid', async () => {
    const dir = dataDir();
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    writeFileSync(join(dir, 'service.lock'), `${gone}\n`);
    const opened = await openStore({ kind: 'embedded', dataDir: dir }, 'supabase');
    await opened.store.close();
    // A restarted container runs as pid 1 again: a lock with our pid that this process does not hold is stale.
    writeFileSync(join(dir, 'service.lock'), `${process.pid}\n`);
    const restarted = await openStore({ kind: 'embedded', dataDir: dir }, 'supabase');
    await restarted.store.close();
  }, 60_000);
});

import * as fs from 'node:fs';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadOrCreateDevSecret } from './dev-secret.js';

// existsSync is replaceable per test: it plays "another process made the file just after this one looked".
vi.mock('node:fs', async (original) => {
  const actual = await original<typeof fs>();
  return { ...actual, existsSync: vi.fn(actual.existsSync) };
});

const folders: string[] = [];
const dataDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'dev-secret-'));
  folders.push(dir);
  return dir;
};
afterEach(() => {
  vi.mocked(fs.existsSync).mockRestore();
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the development secret of a data folder', () => {
  it('is made once and read back afterwards, leaving only its own file', () => {
    const dir = dataDir();
    const first = loadOrCreateDevSecret(dir, 'some-secret');
    expect(first.created).toBe(true);
    const again = loadOrCreateDevSecret(dir, 'some-secret');
    expect(again).toEqual({ secret: first.secret, path: first.path, created: false });
    expect(readdirSync(dir)).toEqual(['some-secret']);
  });

  it('takes the secret of a process that wrote the file after this one looked, instead of failing or replacing it', () => {
    const dir = dataDir();
    const theirs = 'x'.repeat(64);
    // The other process's file lands between this one's existence check and its write.
    vi.mocked(fs.existsSync).mockImplementationOnce(() => {
      writeFileSync(join(dir, 'some-secret'), `${theirs}\n`);
      return false;
    });
    const mine = loadOrCreateDevSecret(dir, 'some-secret');
    expect(mine).toEqual({ secret: theirs, path: join(dir, 'some-secret'), created: false });
    expect(readdirSync(dir)).toEqual(['some-secret']);
  });
});

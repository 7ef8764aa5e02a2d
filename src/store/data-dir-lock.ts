import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../errors.js';

/** Whether a process with this pid is running (signal 0 checks without sending anything). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The lock files this process holds: a lock naming our own pid that is not one of them is a previous process's. */
const held = new Set<string>();

/**
 * The embedded database belongs to one service at a time: two processes on one data folder would each open
 * their own copy of it and lose each other's writes (issue 15). The lock is a file holding the owner's pid; a
 * lock left by a process that is gone (a crash, kill -9) is taken over. Returns the release.
 */
export function lockDataDir(dir: string): () => void {
  const path = join(dir, 'service.lock');
  const own = (): void => writeFileSync(path, `${process.pid}\n`, { flag: 'wx' });
  try {
    own();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const holder = Number(readFileSync(path, 'utf8').trim());
    // Our own pid on a lock we do not hold: a previous process had it (a restarted container is pid 1 again).
    const ours = holder === process.pid && !held.has(path);
    if (Number.isInteger(holder) && holder > 0 && !ours && running(holder)) {
      throw new ConfigError(
        `The embedded database in ${dir} is in use by another service (process ${holder}${holder === process.pid ? ', this one' : ''}). ` +
          'Stop it first, or give this one another DATA_DIR (or a DATABASE_URL).',
      );
    }
    rmSync(path, { force: true });
    own();
  }
  held.add(path);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    held.delete(path);
    rmSync(path, { force: true });
  };
}

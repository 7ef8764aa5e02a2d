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
    if (Number.isInteger(holder) && holder > 0 && running(holder)) {
      throw new ConfigError(
        `The embedded database in ${dir} is in use by another service (process ${holder}${holder === process.pid ? ', this one' : ''}). ` +
          'Stop it first, or give this one another DATA_DIR (or a DATABASE_URL).',
      );
    }
    rmSync(path, { force: true });
    own();
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    rmSync(path, { force: true });
  };
}

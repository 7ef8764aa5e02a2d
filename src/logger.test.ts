import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { isoTimestamp } from './logger.js';

/** Runs a script that logs through createLogger's own stdout destination; resolves with each line and when it came. */
function runLogging(script: string): Promise<Array<{ line: Record<string, unknown>; atMs: number }>> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', `import { createLogger } from './src/logger.ts';\n${script}`], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const started = performance.now();
  const lines: Array<{ line: Record<string, unknown>; atMs: number }> = [];
  let partial = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const parts = (partial + chunk.toString('utf8')).split('\n');
    partial = parts.pop() ?? '';
    for (const text of parts) lines.push({ line: JSON.parse(text) as Record<string, unknown>, atMs: performance.now() - started });
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(lines) : reject(new Error(`exited with ${code}`))));
  });
}

describe('the logger on standard output', () => {
  it('writes every line still gathered when the process exits', async () => {
    const lines = await runLogging(`const log = createLogger('info'); for (let i = 0; i < 3; i++) log.info({ n: i }, 'line'); process.exit(0);`);
    expect(lines.map(({ line }) => line.n)).toEqual([0, 1, 2]);
  });

  it('writes a lone line within a quarter second, without waiting for more lines or for the exit', async () => {
    const lines = await runLogging(
      `const log = createLogger('info'); const from = performance.now(); log.info('alone'); setTimeout(() => { log.info({ after: performance.now() - from }, 'late'); process.exit(0); }, 2000);`,
    );
    expect(lines.map(({ line }) => line.msg)).toEqual(['alone', 'late']);
    const [alone, late] = lines.map(({ atMs }) => atMs);
    // The lone line arrived well before the second one was written, two seconds after it.
    expect((late ?? 0) - (alone ?? 0)).toBeGreaterThan(1500);
  });
});

describe('isoTimestamp', () => {
  it('writes what Date#toISOString writes, within a second and across seconds, days and years', () => {
    const instants = [0, 999, 1000, Date.UTC(1999, 11, 31, 23, 59, 59, 999), Date.UTC(2000, 0, 1), Date.UTC(2026, 11, 4, 22, 0, 0, 5)];
    let seed = 11;
    for (let i = 0; i < 20_000; i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      // Runs of nearby instants (the same second, the next one) and far jumps, 1970-2100.
      instants.push(i % 3 === 0 ? (seed % 4_102_444_800) * 1000 + (seed % 1000) : (instants.at(-1) ?? 0) + (seed % 700));
    }
    for (const ms of instants) expect(isoTimestamp(ms), String(ms)).toBe(`,"time":"${new Date(ms).toISOString()}"`);
  });

  it('leaves years outside 0-9999 to toISOString', () => {
    for (const ms of [Date.UTC(10000, 0, 1, 0, 0, 1, 7), -62198755200000 - 1500]) {
      expect(isoTimestamp(ms)).toBe(`,"time":"${new Date(ms).toISOString()}"`);
    }
  });
});

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parsePrivacyArgs } from '../../scripts/privacy.js';
import { instantApi } from '../support/api-client.js';
import { startTestServer } from '../support/test-server.js';

const run = promisify(execFile);

describe('npm run privacy', () => {
  it('reads one operation and exactly one subject', () => {
    expect(parsePrivacyArgs(['export', '--phone', '+34600111222'])).toEqual({ operation: 'export', subject: { phone: '+34600111222' } });
    expect(parsePrivacyArgs(['erase', '--user', '6f1c2b9e-8d4a-4c1e-9b7a-2f3e4d5c6b7a']).subject).toEqual({ userId: '6f1c2b9e-8d4a-4c1e-9b7a-2f3e4d5c6b7a' });
    expect(() => parsePrivacyArgs(['erase'])).toThrow(/exactly one/);
    expect(() => parsePrivacyArgs(['erase', '--session', 'x'])).toThrow(/uuid/);
    expect(() => parsePrivacyArgs(['erase', '--phone', '600111222'])).toThrow(/E\.164/);
    expect(() => parsePrivacyArgs(['drop', '--phone', '+34600111222'])).toThrow(/usage/);
  });

  it('exports and erases a session in the embedded database of DATA_DIR', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'privacy-cli-'));
    try {
      const server = await startTestServer({ dataDir });
      const started = await instantApi.start(server.url);
      const id = String(started.body.session_id);
      await instantApi.reply(server.url, id, String(started.body.session_key), { text: 'Maria Lopez' });
      await server.close();
      const cli = (operation: string) =>
        run(process.execPath, ['--import', 'tsx', 'scripts/privacy.ts', operation, '--session', id], { env: { ...process.env, DATA_DIR: dataDir }, timeout: 120_000 });
      const exported = JSON.parse((await cli('export')).stdout) as { sessions: Array<{ id: string; collected_data: unknown }> };
      expect(exported.sessions.map((s) => s.id)).toEqual([id]);
      expect(exported.sessions[0]?.collected_data).toMatchObject({ name: 'Maria Lopez' });
      const erased = await cli('erase');
      expect(JSON.parse(erased.stdout)).toMatchObject({ sessionIds: [id], erased: { sessions: 1 } });
      expect(erased.stderr).not.toContain('Maria');
      expect(JSON.parse((await cli('export')).stdout)).toMatchObject({ sessions: [] });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});

import { mkdir } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { callApi } from '../support/api-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { hasChromium, launchChromium, waitFor } from './support/widget-page.js';

const SECRET = 'workspace-pages-jwt-secret-at-least-32-characters';

describe.skipIf(!hasChromium)('workspace checklist and welcome pages, in Chromium', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer({ env: { SUPABASE_JWT_SECRET: SECRET } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the trial, the progress and the tasks; marking one done moves the bar; urgency and billing problems show', async () => {
    const userId = randomUUID();
    const token = await new SignJWT({ role: 'authenticated' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId)
      .setAudience('authenticated')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(SECRET));
    const created = await callApi<{ organization_id: string }>(server.url, 'POST', '/organizations/new', {
      body: { name: 'Acme Studio' },
      headers: { authorization: `Bearer ${token}` },
    });
    const org = created.body.organization_id;
    const page = await (await browser.newContext({ viewport: { width: 900, height: 900 } })).newPage();
    await page.goto(`${server.url}/onboarding/checklist#token=${token}`);
    await page.getByRole('progressbar').waitFor();
    expect(new URL(page.url()).hash).toBe('');
    expect(await page.locator('h1').innerText()).toBe('Acme Studio: getting started');
    expect(await page.locator('.banner').innerText()).toMatch(/14 days left/);
    expect(await page.locator('li').count()).toBe(8);
    await page.getByRole('button', { name: 'Mark done' }).first().click();
    await waitFor(async () => (await page.getByRole('progressbar').getAttribute('aria-valuenow')) === '13', 'the bar to move');
    await mkdir('test-artifacts', { recursive: true });
    await page.screenshot({ path: 'test-artifacts/workspace-checklist.png' });

    await server.service.sql.query(`update organizations set trial_ends_at = now() + interval '2 days' where id = $1`, [org]);
    await page.reload();
    await page.locator('.banner.urgent').waitFor();
    expect(await page.locator('.banner').innerText()).toMatch(/2 days left/);
    await server.service.sql.query(`update organizations set stripe_subscription_status = 'past_due' where id = $1`, [org]);
    await page.reload();
    expect(await page.getByRole('alert').innerText()).toMatch(/payment failed/);

    await page.goto(`${server.url}/onboarding/welcome`);
    await page.getByRole('progressbar').waitFor();
    expect(await page.locator('h1').innerText()).toBe('Welcome to Acme Studio');
  });
});

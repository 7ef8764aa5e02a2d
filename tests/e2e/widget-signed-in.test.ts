import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWidget } from '../../scripts/build-widget.js';
import { userApi } from '../support/api-client.js';
import { startServer, type RunningServer } from './support/server.js';
import { PNG } from '../support/png.js';
import { answer, hasChromium, lastBotText, launchChromium, settle, widget } from './support/widget-page.js';

const SECRET = 'widget-signed-in-test-secret-0123456789abcdef';

function tokenFor(userId: string, name: string): Promise<string> {
  return new SignJWT({ role: 'authenticated', user_metadata: { full_name: name } })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setAudience('authenticated')
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(SECRET));
}

/**
 * The widget's signed-in mode on a product's page: the page gives a token function, the widget talks to
 * /api/users/me/onboarding as that user, and the product's own API sees the same onboarding.
 */
describe.skipIf(!hasChromium)('widget in signed-in mode', () => {
  let server: RunningServer;
  let browser: Browser;
  let host: Server;
  let site = '';
  const tokens = new Map<string, string>();
  let dataDir = '';

  beforeAll(async () => {
    await buildWidget();
    // The product's page: ?user=<id> picks whose token the page hands the widget.
    host = createServer((req, res) => {
      const user = new URL(req.url ?? '/', 'http://x').searchParams.get('user') ?? '';
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(`<!doctype html><html><body><h1>My account</h1>
        <script>window.getAccessToken = () => Promise.resolve(${JSON.stringify(tokens.get(user) ?? '')});</script>
        <script src="${server.url}/widget.js" data-flow="user-profile" data-language="en" data-token-function="getAccessToken" async></script>
        </body></html>`);
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    site = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
    dataDir = mkdtempSync(join(tmpdir(), 'widget-signed-in-'));
    server = await startServer({ WIDGET_ORIGINS: site, SUPABASE_JWT_SECRET: SECRET, DATA_DIR: dataDir });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await new Promise((resolve) => host?.close(resolve));
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function open(userId: string): Promise<Page> {
    const page = await (await browser.newContext({ locale: 'en-US' })).newPage();
    await page.goto(`${site}/?user=${userId}`);
    const w = widget(page);
    const before = await w.botLines.count();
    await w.launcher.click();
    await settle(page, w.botLines, before);
    return page;
  }

  it('onboards the signed-in user on the same session the product\'s API reads, and resumes after a reload', async () => {
    const userId = randomUUID();
    const token = await tokenFor(userId, 'Maria Lopez');
    tokens.set(userId, token);
    const page = await open(userId);
    const w = widget(page);
    expect(await lastBotText(page)).toContain('Is this right: Maria Lopez?');
    expect(await page.locator('.header .title').innerText()).toBe('Your profile');
    // The server keeps the one onboarding of this user: there is nothing to start over.
    expect(await w.restart.count()).toBe(0);
    expect(await w.choices.allInnerTexts()).toEqual(['Maria Lopez']);
    const before = await w.botLines.count();
    await w.choices.first().click();
    await settle(page, w.botLines, before);
    expect(await lastBotText(page)).toContain('Tell us a little about yourself');
    await answer(page, 'skip');
    expect(await lastBotText(page)).toContain('profile photo');
    // The photo question offers a file picker; the chosen picture is uploaded and answers it.
    const photos = page.locator('.composer input[type="file"]');
    expect(await photos.count()).toBe(1);
    await mkdir('test-artifacts', { recursive: true });
    await page.screenshot({ path: 'test-artifacts/widget-signed-in-photo.png', animations: 'disabled' });
    const beforePhoto = await w.botLines.count();
    await photos.setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: PNG });
    await settle(page, w.botLines, beforePhoto);
    expect(await w.userLines.last().innerText()).toContain('me.png');
    expect(await photos.count()).toBe(0);
    await answer(page, 'Python, SQL and cartography');
    expect(await lastBotText(page)).toContain('What are you interested in?');

    const status = (await userApi.status(server.url, token)).body;
    expect(status).toMatchObject({
      status: 'in_progress',
      current_step: 2,
      onboarding_data: { full_name: 'Maria Lopez', bio: null, skills: ['Python', 'SQL', 'cartography'] },
    });
    const avatar = (status.onboarding_data as { avatar: { path: string; content_type: string } }).avatar;
    expect(avatar).toMatchObject({ content_type: 'image/png' });
    expect(avatar.path.startsWith(`users/${userId}/user-profile/avatar-`)).toBe(true);

    // The product's form answers the next step; the widget, reloaded, goes on from there.
    await userApi.step(server.url, token, 'interests', { interests: ['music'] });
    await page.reload();
    const again = widget(page);
    const shown = await again.botLines.count();
    await again.launcher.click();
    await settle(page, again.botLines, shown);
    expect(await lastBotText(page)).toContain('work or education');
  });

  it('says so when the page has no valid token, and nothing is started', async () => {
    const userId = randomUUID();
    tokens.set(userId, 'not-a-token');
    const page = await (await browser.newContext({ locale: 'en-US' })).newPage();
    await page.goto(`${site}/?user=${userId}`);
    await widget(page).launcher.click();
    await widget(page).alert.waitFor({ timeout: 10_000 });
    expect((await userApi.status(server.url, await tokenFor(userId, 'X'))).body).toMatchObject({ status: 'not_started' });
  });
});

import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWidget } from '../../scripts/build-widget.js';
import { userApi } from '../support/api-client.js';
import { startServer, type RunningServer } from './support/server.js';
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
    server = await startServer({ WIDGET_ORIGINS: site, SUPABASE_JWT_SECRET: SECRET });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await new Promise((resolve) => host?.close(resolve));
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
    expect(await w.choices.allInnerTexts()).toEqual(['Maria Lopez']);
    const before = await w.botLines.count();
    await w.choices.first().click();
    await settle(page, w.botLines, before);
    expect(await lastBotText(page)).toContain('Tell us a little about yourself');
    await answer(page, 'skip');
    expect(await lastBotText(page)).toContain('profile photo');
    await answer(page, 'skip');
    await answer(page, 'Python, SQL and cartography');
    expect(await lastBotText(page)).toContain('What are you interested in?');

    const status = (await userApi.status(server.url, token)).body;
    expect(status).toMatchObject({
      status: 'in_progress',
      current_step: 2,
      onboarding_data: { full_name: 'Maria Lopez', bio: null, avatar: null, skills: ['Python', 'SQL', 'cartography'] },
    });

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

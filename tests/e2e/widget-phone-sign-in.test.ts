import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWidget } from '../../scripts/build-widget.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { hasChromium, lastBotText, launchChromium, settle, waitFor, widget } from './support/widget-page.js';

/**
 * The widget on a practitioner page (data-sign-in="phone"): the mobile number, the SMS code (console mode: read
 * from the service's otp_console log line), then the onboarding's first question on the session the code opened.
 */
describe.skipIf(!hasChromium)('widget phone sign-in', () => {
  let server: TestServer;
  let browser: Browser;
  let host: Server;
  let site = '';
  let dataDir = '';

  beforeAll(async () => {
    await buildWidget();
    host = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(`<!doctype html><html><body><h1>Practitioners</h1>
        <script src="${server.url}/widget.js" data-flow="practitioner-onboarding" data-sign-in="phone" data-language="en" async></script>
        </body></html>`);
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    site = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
    dataDir = mkdtempSync(join(tmpdir(), 'widget-phone-'));
    server = await startTestServer({ env: { WIDGET_ORIGINS: site, DATA_DIR: dataDir } });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await new Promise((resolve) => host?.close(resolve));
    rmSync(dataDir, { recursive: true, force: true });
  });

  const codeFor = (phone: string): string => {
    const line = server.logs.filter((l) => l.msg === 'otp_console' && l.to_last_digits === phone.slice(-4)).at(-1);
    return typeof line?.console_code === 'string' ? line.console_code : '';
  };

  it('asks for the number and the code, refuses a wrong code, then shows the first question and takes an answer', async () => {
    const phone = '+14155557321';
    const page: Page = await (await browser.newContext({ locale: 'en-US' })).newPage();
    await page.goto(site);
    const w = widget(page);
    await w.launcher.click();
    const number = page.locator('#ow-phone');
    await number.waitFor({ timeout: 10_000 });
    expect(await page.locator('.signin-text').innerText()).toContain('Sign in with your mobile number');
    await number.fill('12');
    await page.locator('.signin-button').click();
    await page.locator('.signin-error').waitFor({ timeout: 10_000 });
    expect(await page.locator('.signin-error').innerText()).toContain("can't receive a code");
    await number.fill(phone);
    await page.locator('.signin-button').click();
    const code = page.locator('#ow-code');
    await code.waitFor({ timeout: 10_000 });
    await waitFor(async () => codeFor(phone) !== '', 'the console code');
    await code.fill(codeFor(phone) === '000000' ? '111111' : '000000');
    await page.locator('.signin-button').click();
    await waitFor(async () => (await page.locator('.signin-error').count()) > 0, 'the wrong-code message');
    expect(await page.locator('.signin-error').innerText()).toContain('wrong or has expired');
    await code.fill(codeFor(phone));
    const before = await w.botLines.count();
    await page.locator('.signin-button').click();
    await settle(page, w.botLines, before);
    expect(await lastBotText(page)).toContain("Step 1 of 5: What's your first name?");
    const asked = await w.botLines.count();
    await w.input.fill('Maya');
    await w.input.press('Enter');
    await settle(page, w.botLines, asked);
    expect(await lastBotText(page)).toContain('And your last name?');
    const rows = await server.service.sql.query<{ first_name: string }>(
      `select s.collected_data->>'first_name' as first_name from instant_onboarding_sessions s where s.phone_number = $1`, [phone]);
    expect(rows).toEqual([{ first_name: 'Maya' }]);
  }, 60_000);
});

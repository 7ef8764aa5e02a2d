import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildWidget } from '../../scripts/build-widget.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { answer, hasChromium, lastBotText, launchChromium, progressPercent, settle, waitFor, widget } from './support/widget-page.js';

const STORAGE_KEY = 'onboarding-widget:v1:instant-birth-chart';
const SMS = '+15550002222';
const WHATSAPP = '+15550003333';

describe.skipIf(!hasChromium)('continuing a widget session elsewhere, in Chromium', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    await buildWidget();
    server = await startTestServer({ env: { TWILIO_SMS_NUMBER: SMS, TWILIO_WHATSAPP_NUMBER: WHATSAPP } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function newPage(path = '/'): Promise<Page> {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1100, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${server.url}${path}`);
    return page;
  }

  it('shows the code with WhatsApp and SMS links, and a magic link opened in a second browser takes the session over', async () => {
    const first = await newPage();
    const w = widget(first);
    const before = await w.botLines.count();
    await w.launcher.click();
    await settle(first, w.botLines, before);
    await answer(first, 'Maria');

    await first.locator('.continue-toggle').click();
    const code = (await first.locator('.continue-code').innerText()).replace(/^.*:\s*/, '');
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]{7}$/);
    const hrefs = await first.locator('.continue-link').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual([`https://wa.me/${WHATSAPP.slice(1)}?text=${code}`, `sms:${SMS}?body=${code}`]);

    const stored = await first.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? 'null') as { id: string } | null, STORAGE_KEY);
    const link = await server.service.nudges.links!.linkFor(stored!.id);
    const token = link.split('/r/')[1]!;

    // Another browser (no shared storage) opens the link: the panel opens on the question the session is at.
    const second = await newPage(`/r/${token}`);
    const w2 = widget(second);
    await waitFor(async () => (await w2.botLines.count()) > 0, 'the resumed question');
    expect(await lastBotText(second)).toMatch(/born/i);
    expect(new URL(second.url()).pathname).toBe('/');
    await answer(second, '5 March 1990');
    expect(await progressPercent(second)).toBe(50);

    // The first browser's key no longer works: on reload it starts afresh instead of showing someone else's session.
    await first.reload();
    const w1 = widget(first);
    const shown = await w1.botLines.count();
    await w1.launcher.click();
    await settle(first, w1.botLines, shown);
    expect(await lastBotText(first)).toMatch(/name/i);
  });
});

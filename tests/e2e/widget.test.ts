import { mkdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildWidget } from '../../scripts/build-widget.js';
import { startServer } from './support/server.js';
import type { RunningServer } from './support/server.js';
import {
  answer,
  focusedInWidget,
  hasChromium,
  lastBotText,
  launchChromium,
  progressPercent,
  settle,
  waitFor,
  widget,
} from './support/widget-page.js';

const STORAGE_KEY = 'onboarding-widget:v1:instant-birth-chart';

describe.skipIf(!hasChromium)('web chat widget in Chromium, against the real service', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    const built = await buildWidget();
    console.log(`widget.js: ${built.rawBytes} bytes raw, ${built.gzipBytes} bytes gzip`);
    server = await startServer();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function openDemo(options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1100, height: 800 }, ...options });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    return page;
  }

  async function openChat(page: Page): Promise<void> {
    const w = widget(page);
    const before = await w.botLines.count();
    await w.launcher.click();
    await settle(page, w.botLines, before);
  }

  it('completes the instant flow by typing and shows the chart', async () => {
    const page = await openDemo();
    const w = widget(page);
    await openChat(page);
    expect(await lastBotText(page)).toMatch(/name/i);
    expect(await focusedInWidget(page)).toBe('input');
    await answer(page, 'Maria');
    expect(await progressPercent(page)).toBe(25);
    await answer(page, '5 March 1990');
    await answer(page, '7:30');
    // If the service asks morning or evening, pick the first choice.
    if ((await w.choices.count()) > 0) await answer(page, await w.choices.first().innerText());
    expect(await progressPercent(page)).toBe(75);
    await answer(page, 'Madrid');
    await w.profile.waitFor({ timeout: 20_000 });
    expect(await progressPercent(page)).toBe(100);
    expect(await lastBotText(page)).toMatch(/Maria/);
    expect(await w.wheelBodies.count()).toBeGreaterThanOrEqual(7);
    expect(await focusedInWidget(page)).toBe('h3');
    expect((await w.userLines.allInnerTexts()).length).toBeGreaterThanOrEqual(4);
    await page.mouse.click(5, 5); // drop focus so the artifact shows no focus ring
    await mkdir('test-artifacts', { recursive: true });
    await page.screenshot({ path: 'test-artifacts/widget.png', animations: 'disabled' });
  });

  it('offers choices as buttons and sends the picked one', async () => {
    const page = await openDemo();
    const w = widget(page);
    await openChat(page);
    await answer(page, 'Maria');
    await answer(page, '5 March 1990');
    await answer(page, 'half past seven');
    expect(await w.choices.count()).toBe(2);
    const label = await w.choices.first().innerText();
    const before = await w.botLines.count();
    await w.choices.first().click();
    await settle(page, w.botLines, before);
    expect((await w.userLines.last().innerText()).replace(/^[^:]*:\s*/, '')).toBe(label);
    expect(await w.choices.count()).toBe(0);
    expect(await progressPercent(page)).toBe(75);
    await answer(page, 'Madrid');
    await w.profile.waitFor({ timeout: 20_000 });
  });

  it('resumes after a reload and starts over on request', async () => {
    const page = await openDemo();
    const w = widget(page);
    await openChat(page);
    await answer(page, 'Maria');
    await answer(page, '5 March 1990');
    const stored = await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY);
    expect(JSON.parse(stored ?? '{}')).toMatchObject({ id: expect.any(String), key: expect.any(String) });

    await page.reload();
    await w.launcher.click();
    await waitFor(async () => (await w.progress.count()) > 0 && (await w.typing.count()) === 0, 'resumed session');
    expect(await progressPercent(page)).toBe(50);
    expect(await w.userLines.allInnerTexts()).toEqual([expect.stringContaining('Maria'), expect.stringContaining('5 March 1990')]);
    await answer(page, 'half past seven');
    // The choices of the pending question come back after another reload, and still work.
    expect(await w.choices.count()).toBe(2);
    await page.reload();
    await w.launcher.click();
    await w.choices.first().waitFor();
    const before2 = await w.botLines.count();
    await w.choices.first().click();
    await settle(page, w.botLines, before2);
    expect(await progressPercent(page)).toBe(75);

    const before = await w.botLines.count();
    await w.restart.click();
    await waitFor(async () => (await w.userLines.count()) === 0 && (await w.typing.count()) === 0, 'new session');
    expect(await w.botLines.count()).toBeLessThan(before);
    expect(await progressPercent(page)).toBe(0);
    const fresh = await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY);
    expect(JSON.parse(fresh ?? '{}').id).not.toBe(JSON.parse(stored ?? '{}').id);
  });

  it('works with the keyboard alone', async () => {
    const page = await openDemo();
    const w = widget(page);
    for (let i = 0; i < 10 && (await focusedInWidget(page)) !== 'button.launcher'; i += 1) await page.keyboard.press('Tab');
    expect(await focusedInWidget(page)).toBe('button.launcher');
    await page.keyboard.press('Enter');
    await settle(page, w.botLines, 0);
    expect(await focusedInWidget(page)).toBe('input');
    const say = async (text: string): Promise<void> => {
      const before = await w.botLines.count();
      await page.keyboard.type(text);
      await page.keyboard.press('Enter');
      await settle(page, w.botLines, before);
      expect(await focusedInWidget(page)).toBe('input');
    };
    for (const text of ['Maria', '5 March 1990', 'half past seven']) await say(text);
    await w.choices.first().waitFor();
    // Shift+Tab from the answer box reaches the suggested answers just above it.
    await page.keyboard.press('Shift+Tab');
    expect(await focusedInWidget(page)).toBe('button.choice');
    const before = await w.botLines.count();
    await page.keyboard.press('Enter');
    await settle(page, w.botLines, before);
    expect(await focusedInWidget(page)).toBe('input');
    await page.keyboard.type('Madrid');
    await page.keyboard.press('Enter');
    await w.profile.waitFor({ timeout: 20_000 });
    await waitFor(async () => (await focusedInWidget(page)) === 'h3', 'focus on the chart heading');
    await page.keyboard.press('Escape');
    await waitFor(async () => (await focusedInWidget(page)) === 'button.launcher', 'focus back on the bubble');
    expect(await w.panel.isHidden()).toBe(true);
  });

  it('shows server and network errors with a retry that is counted once', async () => {
    const page = await openDemo();
    const w = widget(page);
    await openChat(page);

    // A server error: the message is kept, marked unsent, and Retry sends it again.
    await page.route('**/reply', (route) =>
      route.fulfill({ status: 503, contentType: 'application/json', body: '{"code":"unavailable","message":"down"}' }),
    );
    await w.input.fill('Maria');
    await w.input.press('Enter');
    await w.alert.waitFor();
    expect(await w.alert.innerText()).toMatch(/went wrong/i);
    expect(await focusedInWidget(page)).toBe('button.retry');
    await page.unroute('**/reply');
    let before = await w.botLines.count();
    await page.keyboard.press('Enter');
    await settle(page, w.botLines, before);
    expect(await w.alert.count()).toBe(0);
    expect(await progressPercent(page)).toBe(25);

    // The service stores the answer but the response is lost: the retry reuses the message id.
    let lost = false;
    await page.route('**/reply', async (route) => {
      if (lost) return route.continue();
      lost = true;
      await route.fetch();
      await route.abort('connectionreset');
    });
    await w.input.fill('5 March 1990');
    await w.input.press('Enter');
    await w.alert.waitFor();
    before = await w.botLines.count();
    await w.alert.getByRole('button').click();
    await settle(page, w.botLines, before);
    expect(await progressPercent(page)).toBe(50);
    expect(await lastBotText(page)).toMatch(/time/i);
    expect(await w.userLines.count()).toBe(2);
    await page.unroute('**/reply');

    // Offline: the banner says so, and coming back online retries by itself.
    await page.context().setOffline(true);
    await w.input.fill('19:30');
    await w.input.press('Enter');
    await w.alert.waitFor();
    expect(await w.alert.innerText()).toMatch(/offline/i);
    before = await w.botLines.count();
    await page.context().setOffline(false);
    await settle(page, w.botLines, before);
    expect(await progressPercent(page)).toBe(75);
  });

  it('speaks Spanish on a phone screen and keeps the host page styles out', async () => {
    const page = await openDemo({ locale: 'es-ES', viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    await page.addStyleTag({ content: '* { font-family: serif !important; } button { background: red !important; }' });
    const w = widget(page);
    expect(await w.launcher.getAttribute('aria-label')).toMatch(/abrir el chat/i);
    await openChat(page);
    const box = await w.panel.boundingBox();
    expect(box?.width).toBe(375);
    expect(await w.input.getAttribute('placeholder')).toMatch(/escribe/i);
    expect(await page.locator('.root').getAttribute('lang')).toBe('es');
    expect(await page.locator('.root').getAttribute('dir')).toBe('ltr');
    const background = await page.locator('.composer button').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(background).toBe('rgb(29, 78, 216)');
    await answer(page, 'María');
    expect(await progressPercent(page)).toBe(25);
  });

  it('mirrors the layout for a right-to-left page', async () => {
    const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
    contexts.push(context);
    const page = await context.newPage();
    // A host page on the service's own origin, so no CORS entry is needed.
    await page.route(`${server.url}/rtl-host.html`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: '<!doctype html><html><body><script src="/widget.js" data-flow="instant-birth-chart" data-dir="rtl"></script></body></html>',
      }),
    );
    await page.goto(`${server.url}/rtl-host.html`);
    const w = widget(page);
    expect(await page.locator('.root').getAttribute('dir')).toBe('rtl');
    const launcher = await w.launcher.boundingBox();
    expect(launcher?.x).toBeLessThan(100);
    await openChat(page);
    const panel = await w.panel.boundingBox();
    expect(panel?.x).toBeLessThan(100);
  });
});

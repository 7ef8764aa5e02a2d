import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser, Locator, Page } from 'playwright-core';

/** The Debian package's binary; CI installs it (`apt-get install -y chromium`). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM_PATH);

// CI installs Chromium: there a missing browser is a failure, never a quiet skip.
if (!hasChromium && process.env.CI === 'true') {
  throw new Error(`widget browser tests: ${CHROMIUM_PATH} is missing under CI (apt-get install -y chromium)`);
}
if (!hasChromium) {
  console.warn(`widget browser tests SKIPPED: ${CHROMIUM_PATH} is missing (apt-get install -y chromium, or set CHROMIUM_PATH)`);
}

/** Starts headless Chromium with the flags that keep it quiet and sandbox-free in containers. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Locators into the widget (Playwright's CSS and role engines pierce its open shadow root). */
export function widget(page: Page) {
  return {
    launcher: page.locator('.launcher'),
    panel: page.locator('.panel'),
    input: page.getByRole('textbox'),
    botLines: page.locator('.msg.bot'),
    userLines: page.locator('.msg.user'),
    choices: page.locator('.choice'),
    typing: page.locator('.typing'),
    progress: page.getByRole('progressbar'),
    alert: page.locator('.error[role="alert"]'),
    profile: page.locator('.profile'),
    wheelBodies: page.locator('svg.wheel g.body'),
    restart: page.locator('.header .restart'),
  };
}

/** The text of the last bot line, without the screen-reader prefix. */
export async function lastBotText(page: Page): Promise<string> {
  const text = await widget(page).botLines.last().innerText();
  return text.replace(/^[^:]*:\s*/, '').trim();
}

/** Waits until no request is running (typing dots gone) and `lines` has more than `before` entries. */
export async function settle(page: Page, lines: Locator, before: number): Promise<void> {
  await waitFor(async () => (await lines.count()) > before && (await widget(page).typing.count()) === 0);
}

/** Types an answer and presses Enter, then waits for the bot's answer. */
export async function answer(page: Page, text: string): Promise<void> {
  const w = widget(page);
  const before = await w.botLines.count();
  await w.input.fill(text);
  await w.input.press('Enter');
  await settle(page, w.botLines, before);
}

/** The class of the element focused inside the widget's shadow root (empty when focus is elsewhere). */
export function focusedInWidget(page: Page): Promise<string> {
  return page.evaluate(() => {
    const host = document.querySelector('[data-onboarding-widget]');
    const el = host?.shadowRoot?.activeElement;
    return el ? `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''}` : '';
  });
}

/** Polls until `check` holds (15 s by default), failing with `what` in the message. */
export async function waitFor(check: () => Promise<boolean>, what = 'condition', timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The percentage the progress bar announces. */
export async function progressPercent(page: Page): Promise<number> {
  return Number(await widget(page).progress.getAttribute('aria-valuenow'));
}

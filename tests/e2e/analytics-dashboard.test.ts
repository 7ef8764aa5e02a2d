import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { instantApi } from '../support/api-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { hasChromium, launchChromium } from './support/widget-page.js';

const TOKEN = 'analytics-token-0123456789';

describe.skipIf(!hasChromium)('analysts\' dashboard in Chromium', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer({ env: { ANALYTICS_TOKEN: TOKEN } });
    // Three sessions of the instant flow: one completed, one left at the second question, one at the first.
    for (const answers of [['Maria', '5 March 1990', '7:30', 'Madrid'], ['Ana'], []]) {
      const started = (await instantApi.start(server.url)).body as { session_id: string; session_key: string };
      for (const text of answers) await instantApi.reply(server.url, started.session_id, started.session_key, { text });
    }
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('asks for the token', async () => {
    // (A headless browser cannot show the password prompt: it ends a navigation to a Basic challenge with an error.)
    const none = await fetch(`${server.url}/analytics`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Basic /);
    const basic = (password: string) => ({ authorization: `Basic ${Buffer.from(`analyst:${password}`).toString('base64')}` });
    expect((await fetch(`${server.url}/analytics`, { headers: basic('not-the-token-000') })).status).toBe(401);
    expect((await fetch(`${server.url}/analytics`, { headers: { authorization: `Bearer ${TOKEN}x` } })).status).toBe(401);
    expect((await fetch(`${server.url}/analytics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
  });

  it('draws the sessions, the charts and the funnel from the views', async () => {
    const context = await browser.newContext({ httpCredentials: { username: 'analyst', password: TOKEN }, viewport: { width: 900, height: 1200 } });
    const page = await context.newPage();
    const response = await page.goto(`${server.url}/analytics`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("default-src 'none'");
    expect(await page.locator('.summary').innerText()).toBe('3 started, 1 completed (33.3%)');

    const charts = page.getByRole('img');
    expect(await charts.count()).toBe(3);
    expect(await charts.nth(0).getAttribute('aria-labelledby')).toBe('t d');
    // Today's bars: started 3, completed 1, failed 0, drawn in proportion.
    const bars = page.locator('svg').first().locator('rect.bar');
    const heights = await bars.evaluateAll((rects) => rects.map((r) => (r as SVGGraphicsElement).getBBox().height));
    expect(heights).toHaveLength(3);
    expect(heights[0]).toBeGreaterThan(0);
    expect(Math.round(((heights[1] ?? 0) / (heights[0] ?? 1)) * 100)).toBe(33);
    expect(heights[2]).toBe(0);

    // The funnel: every step of the instant flow, the first reached by all three, the second by two.
    const steps = page.locator('svg').nth(2).locator('rect.step');
    const widths = await steps.evaluateAll((rects) => rects.map((r) => (r as SVGGraphicsElement).getBoundingClientRect().width));
    expect(widths).toHaveLength(4);
    expect(Math.round(((widths[1] ?? 0) / (widths[0] ?? 1)) * 100)).toBe(67);
    expect(await page.getByRole('heading', { name: 'Funnel: instant-birth-chart (version 1)' }).count()).toBe(1);
    await context.close();
  });
});

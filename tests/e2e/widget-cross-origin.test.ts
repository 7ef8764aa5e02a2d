import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildWidget } from '../../scripts/build-widget.js';
import { startServer } from './support/server.js';
import type { RunningServer } from './support/server.js';
import { answer, hasChromium, launchChromium, progressPercent, settle, widget } from './support/widget-page.js';

describe.skipIf(!hasChromium)('widget embedded on another site', () => {
  let server: RunningServer;
  let browser: Browser;
  let host: Server;
  // One small host site on loopback (a real server: Chromium only lets loopback pages call loopback), reached
  // under two names, so it is two origins: 127.0.0.1 is allowed, localhost is not.
  let allowed = '';
  let other = '';

  beforeAll(async () => {
    await buildWidget();
    host = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(`<!doctype html><html><body><h1>A shop</h1>
        <script src="${server.url}/widget.js" data-flow="instant-birth-chart" data-language="en" async></script></body></html>`);
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    const { port } = host.address() as AddressInfo;
    allowed = `http://127.0.0.1:${port}`;
    other = `http://localhost:${port}`;
    server = await startServer({ WIDGET_ORIGINS: allowed });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await new Promise((resolve) => host?.close(resolve));
  });

  async function hostPage(origin: string): Promise<Page> {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${origin}/`);
    return page;
  }

  it('talks to the service from an allowed origin', async () => {
    const page = await hostPage(allowed);
    const w = widget(page);
    await w.launcher.click();
    await settle(page, w.botLines, 0);
    await answer(page, 'Maria');
    expect(await progressPercent(page)).toBe(25);
    await page.context().close();
  });

  it('is refused by the browser on an origin that is not allowed', async () => {
    const page = await hostPage(other);
    const w = widget(page);
    await w.launcher.click();
    await w.alert.waitFor();
    expect(await w.alert.innerText()).toMatch(/couldn't reach/i);
    expect(await w.botLines.count()).toBe(0);
    await page.context().close();
  });
});

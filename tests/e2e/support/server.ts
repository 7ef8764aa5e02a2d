import { startTestServer } from '../../support/test-server.js';

/** A running service the browser talks to. */
export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Starts the real service (embedded database) for the browser tests, with extra environment if given. */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const server = await startTestServer({ env });
  const probe = await fetch(`${server.url}/widget.js`, { method: 'HEAD' });
  if (!probe.ok) {
    await server.close();
    throw new Error(
      `the service answers ${probe.status} for /widget.js: src/app.ts must register widgetRoutes and corsPlugin (docs/widget.md)`,
    );
  }
  return server;
}

import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const run = promisify(execFile);
const dockerfile = readFileSync('Dockerfile', 'utf8');
const packageJson = JSON.parse(readFileSync('package.json', 'utf8')) as { devDependencies: Record<string, string> };

/** The Dockerfile's HEALTHCHECK command, as the exec-form JSON array it is written in. */
function healthcheckCommand(): string[] {
  const match = /^HEALTHCHECK [^\n]*\\\n\s+CMD (\[.*\])$/m.exec(dockerfile);
  if (!match?.[1]) throw new Error('no HEALTHCHECK ... CMD [...] in the Dockerfile');
  return JSON.parse(match[1]) as string[];
}

/** Runs the healthcheck's node command against a server answering /ready with `status`; its exit code. */
async function healthcheckExit(status: number | null): Promise<number> {
  const [program, ...args] = healthcheckCommand();
  expect(program).toBe('node');
  const server = createServer((request, response) => {
    response.statusCode = request.url === '/ready' ? (status ?? 200) : 404;
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  if (status === null) await new Promise((resolve) => server.close(resolve));
  try {
    await run(process.execPath, args, { env: { ...process.env, PORT: String(port) } });
    return 0;
  } catch (error) {
    return (error as { code?: number }).code ?? -1;
  } finally {
    if (status !== null) server.close();
  }
}

describe('container files', () => {
  it('builds and runs on the Node version the project is tested on (the node devDependency)', () => {
    const images = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) expect(image).toBe(`node:${packageJson.devDependencies.node}-bookworm-slim`);
    expect(packageJson.devDependencies.node).toMatch(/^24\./);
  });

  it('runs as the unprivileged node user', () => {
    const user = dockerfile.lastIndexOf('\nUSER node');
    expect(user).toBeGreaterThan(dockerfile.lastIndexOf('\nFROM '));
    expect(user).toBeLessThan(dockerfile.lastIndexOf('\nCMD '));
  });

  it('its healthcheck passes on a 200 from /ready and fails on a 503 or no answer', async () => {
    expect(await healthcheckExit(200)).toBe(0);
    expect(await healthcheckExit(503)).toBe(1);
    expect(await healthcheckExit(null)).toBe(1);
  });

  it('keeps secrets, local data and build outputs out of the build context', () => {
    const ignored = readFileSync('.dockerignore', 'utf8').split('\n').map((line) => line.trim());
    for (const entry of ['.env', '.env.*', '.git', 'node_modules', '.data', 'dist', 'public']) expect(ignored).toContain(entry);
    expect(ignored).toContain('!.env.example');
  });

  it('compose runs the service against a PostgreSQL container it waits for', () => {
    const compose = parse(readFileSync('compose.yaml', 'utf8')) as {
      services: Record<string, { image?: string; build?: string; environment?: Record<string, string>; depends_on?: Record<string, { condition: string }> }>;
    };
    const { db, bot } = compose.services;
    expect(db?.image).toMatch(/^postgres:15/);
    expect(bot?.build).toBe('.');
    expect(bot?.depends_on?.db?.condition).toBe('service_healthy');
    expect(bot?.environment?.DATABASE_URL).toMatch(/^postgres:\/\/onboarding:.*@db:5432\/onboarding$/);
    expect(bot?.environment?.HOST).toBe('0.0.0.0');
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Packages the conversation core may import; everything else (HTTP, database, providers, network) is out. */
const ALLOWED_PACKAGES = [/^xstate$/, /^zod$/, /^chrono-node(\/|$)/, /^libphonenumber-js(\/|$)/, /^email-addresses$/, /^node:crypto$/];
/** Project folders the core may import from: itself, the flow schema, and the offline places data. */
const ALLOWED_FOLDERS = ['src/conversation/', 'src/flows/flow-schema', 'src/places/'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

export function forbiddenImports(files: string[]): string[] {
  const offending: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/\bfrom\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
      const spec = match[1] ?? match[2] ?? '';
      if (spec.startsWith('.')) {
        const target = relative(process.cwd(), resolve(dirname(file), spec));
        if (!ALLOWED_FOLDERS.some((folder) => target.startsWith(folder))) offending.push(`${file} -> ${spec}`);
      } else if (!ALLOWED_PACKAGES.some((pattern) => pattern.test(spec))) {
        offending.push(`${file} -> ${spec}`);
      }
    }
  }
  return offending;
}

describe('conversation core boundary', () => {
  const files = sourceFiles('src/conversation');

  it('imports no framework, database, provider or network package', () => {
    expect(files.length).toBeGreaterThan(5);
    expect(forbiddenImports(files)).toEqual([]);
  });

  it('would catch a forbidden import', () => {
    expect(forbiddenImports(['src/app.ts']).some((line) => line.includes('fastify'))).toBe(true);
  });
});

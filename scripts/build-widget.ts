/**
 * Builds the embeddable chat widget: src/widget/index.ts -> public/widget.js (one minified IIFE with Preact
 * and the widget's locale texts inside), plus the demo page public/index.html. Prints raw and gzip sizes.
 *   npx tsx scripts/build-widget.ts [outDir]
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Result of a widget build. */
export interface WidgetBuild {
  file: string;
  rawBytes: number;
  gzipBytes: number;
}

/** Bundles the widget and writes the demo page into `outDir` (default: public/). */
export async function buildWidget(outDir = join(root, 'public')): Promise<WidgetBuild> {
  await mkdir(outDir, { recursive: true });
  const result = await build({
    entryPoints: [join(root, 'src/widget/index.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020'],
    charset: 'utf8',
    legalComments: 'eof',
    write: false,
    logLevel: 'warning',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild produced no output for src/widget/index.ts');
  const file = join(outDir, 'widget.js');
  await writeAtomically(file, output.contents);
  await writeAtomically(join(outDir, 'index.html'), demoPage());
  return { file, rawBytes: output.contents.byteLength, gzipBytes: gzipSync(output.contents, { level: 9 }).byteLength };
}

/** Write then rename, so a server (or a parallel build) never reads a half-written file. */
async function writeAtomically(file: string, contents: Uint8Array | string): Promise<void> {
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temporary, contents);
  await rename(temporary, file);
}

function demoPage(): string {
  const snippet =
    '<script src="https://bot.example.com/widget.js" data-flow="instant-birth-chart" data-language="es" async></script>';
  const escaped = snippet.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Onboarding bot: widget demo</title>
<style>
  body { font-family: Georgia, serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; color: #1f2937; line-height: 1.6; }
  pre { background: #f3f4f6; padding: 1rem; overflow-x: auto; white-space: pre-wrap; word-break: break-all; }
  a { color: #1d4ed8; }
</style>
</head>
<body>
<main>
  <h1>Onboarding bot</h1>
  <p>This page embeds the web chat widget. Open the chat bubble in the corner to create a birth chart in about
  90 seconds. The widget speaks your browser's language (English or Spanish).</p>
  <h2>Embed it on your site</h2>
  <pre><code>${escaped}</code></pre>
  <p>Add your site's origin to the service's allowed origins, see <code>docs/widget.md</code>.</p>
</main>
<script src="/widget.js" data-flow="instant-birth-chart" async></script>
</body>
</html>
`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const outDir = process.argv[2] ? resolve(process.argv[2]) : undefined;
  const built = await buildWidget(outDir);
  const kb = (n: number): string => `${(n / 1024).toFixed(1)} KiB`;
  console.log(`widget: ${built.file} ${kb(built.rawBytes)} raw, ${kb(built.gzipBytes)} gzip`);
}

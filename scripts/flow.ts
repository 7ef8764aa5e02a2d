/**
 * The flow author's kit: `npm run flow -- <command> <file>`.
 *   validate <file>   the schema and every translation, each problem as file:line:column (exit 1 if any)
 *   draw <file>       a Mermaid state diagram of the flow into docs/flows/<id>.md
 *   test <file>       validate, then the flow's scripted conversations (tests/conversations/<id>/*.yaml)
 * LOCALES_DIR (default ./locales) says where the translations are. docs/writing-flows.md is the guide.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkFlowFile, drawFlow, flowPage, formatProblems } from '../src/flows/flow-kit.js';
import { createLocalizer } from '../src/i18n/create-i18n.js';

const [command, file] = process.argv.slice(2);
const usage = 'usage: npm run flow -- validate|draw|test <flow file>';
if (!command || !file || !['validate', 'draw', 'test'].includes(command)) {
  console.error(usage);
  process.exit(2);
}
if (!existsSync(file)) {
  console.error(`${file}: no such file`);
  process.exit(2);
}

const localizer = createLocalizer(process.env.LOCALES_DIR ?? './locales');
const { problems, runtime } = checkFlowFile(file, localizer);
if (problems.length > 0) {
  console.error(formatProblems(file, problems));
  console.error(`${problems.length} problem${problems.length === 1 ? '' : 's'} in ${file}`);
  process.exit(1);
}
if (!runtime) process.exit(1);
const flow = runtime.definition;

if (command === 'validate') {
  console.log(`${file}: flow ${flow.id} version ${flow.version} is valid: ${flow.steps.length} steps, every message in ${flow.languages.join(', ')}`);
} else if (command === 'draw') {
  const translate = localizer.translator(flow.languages[0] ?? 'en');
  const diagram = drawFlow(flow, (key) => translate(key));
  mkdirSync('docs/flows', { recursive: true });
  const target = join('docs/flows', `${flow.id}.md`);
  writeFileSync(target, flowPage(file, flow, diagram));
  console.log(`${target}: the state diagram of ${flow.id}`);
} else {
  const dir = join('tests/conversations', flow.id);
  const scripts = existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.yaml')) : [];
  if (scripts.length === 0) {
    console.error(`${file}: flow ${flow.id} has no scripted conversation; write one in ${dir}/ (docs/writing-flows.md)`);
    process.exit(1);
  }
  // The scripts run through the real service (embedded database), as the test suite runs them.
  const escaped = flow.id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const run = spawnSync('npx', ['vitest', 'run', 'tests/conversations/conversation-scripts.test.ts', '-t', `(flow ${escaped} has|${escaped}/)`], {
    stdio: 'inherit',
  });
  process.exit(run.status ?? 1);
}

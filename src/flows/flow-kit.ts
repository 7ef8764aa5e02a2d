import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { isScalar, LineCounter, parseDocument, visit, type Document } from 'yaml';
import { compileFlow, type FlowRuntime } from '../conversation/flow-runtime.js';
import { inNamespace } from '../conversation/translate.js';
import type { Localizer } from '../i18n/create-i18n.js';
import { keysOfFlow } from './check-flow-translations.js';
import { flowSchema, type Condition, type FlowDefinition } from './flow-schema.js';

/** One problem in a flow file, where it is (1-based line and column; 0 when it has no place in the file). */
export interface FlowProblem {
  line: number;
  column: number;
  /** The YAML path (steps.2.prompt), or the locale a missing translation belongs in. */
  where: string;
  message: string;
}

export interface FlowCheck {
  problems: FlowProblem[];
  /** The compiled flow when the file is valid against the schema (translations may still be missing). */
  runtime: FlowRuntime | null;
}

/** Where a YAML path points in the document: the node itself, or its nearest ancestor that exists. */
function positionOf(doc: Document, lines: LineCounter, path: ReadonlyArray<PropertyKey>): { line: number; column: number } {
  for (let length = path.length; length >= 0; length--) {
    const node = doc.getIn(path.slice(0, length) as unknown[], true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) {
      const { line, col } = lines.linePos(node.range[0]);
      return { line, column: col };
    }
  }
  return { line: 1, column: 1 };
}

/** The first scalar in the document whose value is `text` (a translation key the flow names). */
function scalarPosition(doc: Document, lines: LineCounter, text: string): { line: number; column: number } | null {
  let found: number | null = null;
  visit(doc, {
    Scalar(_key, node) {
      if (found === null && isScalar(node) && node.value === text && node.range) {
        found = node.range[0];
        return visit.BREAK;
      }
      return undefined;
    },
  });
  if (found === null) return null;
  const { line, col } = lines.linePos(found);
  return { line, column: col };
}

/**
 * Checks a flow file as the service will at boot, but says where each problem is: YAML syntax, the flow schema
 * (src/flows/flow-schema.ts), and every message the flow can say in each of its languages (locales/<lng>/).
 */
export function checkFlowFile(file: string, localizer: Localizer): FlowCheck {
  const text = readFileSync(file, 'utf8');
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true });
  if (doc.errors.length > 0) {
    return {
      runtime: null,
      problems: doc.errors.map((error) => {
        const at = error.linePos?.[0] ?? { line: 1, col: 1 };
        const first = error.message.split('\n')[0] ?? error.message;
        return { line: at.line, column: at.col, where: '(yaml)', message: first.replace(/ at line \d+, column \d+:?$/, '') };
      }),
    };
  }
  const result = flowSchema.safeParse(doc.toJS());
  if (!result.success) {
    return {
      runtime: null,
      problems: result.error.issues.map((issue) => ({
        ...positionOf(doc, lines, issue.path),
        where: issue.path.map(String).join('.') || '(root)',
        message: issue.message,
      })),
    };
  }
  let runtime: FlowRuntime;
  try {
    runtime = compileFlow(result.data, 'flow-kit');
  } catch (error) {
    return { runtime: null, problems: [{ line: 1, column: 1, where: '(flow)', message: error instanceof Error ? error.message : String(error) }] };
  }
  const problems: FlowProblem[] = [];
  const flow = runtime.definition;
  for (const language of flow.languages) {
    if (!localizer.languages.includes(language)) {
      problems.push({ ...(scalarPosition(doc, lines, language) ?? { line: 1, column: 1 }), where: 'languages', message: `no locales/${language}/ folder` });
      continue;
    }
    for (const key of keysOfFlow(runtime)) {
      if (localizer.has(language, key)) continue;
      const [namespace, name = ''] = key.split(':');
      const at = namespace === flow.namespace ? scalarPosition(doc, lines, name) : null;
      problems.push({
        ...(at ?? { line: 0, column: 0 }),
        where: `locales/${language}/${namespace}.json`,
        message: `missing "${name}"${at ? '' : ' (a message every flow of this kind needs)'}`,
      });
    }
  }
  return { problems, runtime };
}

/** Problems as an editor reads them: `file:line:column: where: message`. */
export function formatProblems(file: string, problems: readonly FlowProblem[]): string {
  return problems
    .map((p) => `${p.line > 0 ? `${file}:${p.line}:${p.column}` : file}: ${p.where}: ${p.message}`)
    .join('\n');
}

function describeCondition(condition: Condition): string {
  if ('all' in condition) return condition.all.map(describeCondition).join(' and ');
  if ('any' in condition) return condition.any.map(describeCondition).join(' or ');
  if ('not' in condition) return `not (${describeCondition(condition.not)})`;
  if ('equals' in condition) return `${condition.step} = ${String(condition.equals)}`;
  if ('in' in condition) return `${condition.step} in ${condition.in.join(', ')}`;
  return `${condition.step} ${condition.answered ? 'answered' : 'not answered'}`;
}

/** Mermaid text may not hold quotes or angle brackets in a label; ids are flow identifiers already. */
const label = (text: string) => text.replace(/["<>{}]/g, '').replace(/:/g, ' -');

/**
 * The flow as a Mermaid state diagram: the steps in the order they are asked (inside their groups), which are
 * optional and which are asked only when a condition holds, then what follows the last answer (the generator's
 * review, the profile, completed or failed), and the pause / skip states every session can reach.
 */
export function drawFlow(flow: FlowDefinition, translate?: (key: string) => string): string {
  const out = ['stateDiagram-v2', '    direction TB'];
  const stepLabel = (id: string, prompt: string) => {
    const text = translate ? label(translate(inNamespace(flow.namespace, prompt))).replace(/\s+/g, ' ').trim() : '';
    if (!text) return `${id}: ${id}`;
    return `${id}: ${text.length > 50 ? `${text.slice(0, 50).replace(/\s+\S*$/, '')}...` : text}`;
  };
  out.push('    [*] --> collecting', '    state collecting {');
  const notesOf = (step: FlowDefinition['steps'][number]) =>
    [step.optional ? 'optional' : '', step.when ? `only when ${describeCondition(step.when)}` : '', step.type === 'entries' ? 'several entries' : '']
      .filter(Boolean)
      .join('; ');
  // A chain of steps: into the first, each to the next; the arrow into a step says what is special about it
  // (optional, asked only when a condition holds, several entries).
  const chain = (ids: string[], indent: string) => {
    const into = (id: string | undefined) => {
      const step = flow.steps.find((s) => s.id === id);
      const notes = step ? notesOf(step) : '';
      return notes ? `: ${label(notes)}` : '';
    };
    out.push(`${indent}[*] --> ${ids[0]}${into(ids[0])}`);
    ids.forEach((id, index) => out.push(`${indent}${id} --> ${ids[index + 1] ?? '[*]'}${into(ids[index + 1])}`));
  };
  if (flow.groups) {
    // Groups (a product's wizard pages) are states of their own, each holding its steps' chain. Mermaid cannot draw
    // an arrow from a state inside one group to a state inside another, so the groups follow one another.
    for (const group of flow.groups) {
      // Groups get ids of their own: a group and a step may share a name (user-profile: skills).
      out.push(`        state "${group.id}" as group_${group.id} {`);
      for (const id of group.steps) {
        const step = flow.steps.find((s) => s.id === id);
        if (step) out.push(`            ${stepLabel(step.id, step.prompt)}`);
      }
      chain(group.steps, '            ');
      out.push('        }');
    }
    chain(flow.groups.map((group) => `group_${group.id}`), '        ');
  } else {
    for (const step of flow.steps) out.push(`        ${stepLabel(step.id, step.prompt)}`);
    chain(flow.steps.map((step) => step.id), '        ');
  }
  out.push('    }');
  out.push('    collecting --> reviewing: last answer', '    reviewing --> collecting: an answer to check again', `    reviewing --> generating: profile ${label(flow.profile)}`);
  out.push('    generating --> completed', '    generating --> failed', '    completed --> [*]', '    failed --> [*]');
  out.push('    collecting --> paused: stop', '    paused --> collecting: any message');
  if (flow.skippable) out.push('    collecting --> skipped: skip onboarding', '    skipped --> collecting: a start or any message');
  return `${out.join('\n')}\n`;
}

/** The Markdown page docs/flows/<id>.md: the diagram, and how it was made. */
export function flowPage(file: string, flow: FlowDefinition, diagram: string): string {
  return [
    `# Flow \`${flow.id}\` (version ${flow.version})`,
    '',
    `Drawn from \`${basename(file)}\` by \`npm run flow -- draw\`; do not edit by hand. Audience ${flow.audience}, ` +
      `languages ${flow.languages.join(', ')}, profile \`${flow.profile}\`${flow.skippable ? ', skippable' : ''}.`,
    '',
    '```mermaid',
    diagram.trimEnd(),
    '```',
    '',
  ].join('\n');
}

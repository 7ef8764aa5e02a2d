import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { compileFlow, type FlowRuntime } from '../conversation/flow-runtime.js';
import { FlowFileError } from '../errors.js';
import { flowSchema } from './flow-schema.js';

const FLOW_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** Reads, validates and compiles one flow file; a broken file throws a FlowFileError naming the problem. */
export function loadFlowFile(file: string): FlowRuntime {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new FlowFileError(file, `cannot be read (${(error as Error).message})`);
  }
  let raw: unknown;
  try {
    raw = extname(file) === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new FlowFileError(file, `is not valid ${extname(file).slice(1).toUpperCase()}: ${(error as Error).message}`);
  }
  const result = flowSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new FlowFileError(file, problems);
  }
  const hash = createHash('sha256').update(text).digest('hex');
  return compileFlow(result.data, hash);
}

/** Loads every flow in a directory, keyed by flow id; two files with one id are an error. */
export function loadFlows(dir: string): Map<string, FlowRuntime> {
  const flows = new Map<string, FlowRuntime>();
  const files = readdirSync(dir)
    .filter((name) => FLOW_EXTENSIONS.has(extname(name)) && !name.endsWith('.schema.json'))
    .sort();
  for (const name of files) {
    const file = join(dir, name);
    const flow = loadFlowFile(file);
    if (flows.has(flow.definition.id)) throw new FlowFileError(file, `flow id "${flow.definition.id}" is used twice`);
    flows.set(flow.definition.id, flow);
  }
  if (flows.size === 0) throw new FlowFileError(dir, 'holds no flow files');
  return flows;
}

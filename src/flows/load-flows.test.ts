import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FlowFileError } from '../errors.js';
import { loadFlowFile, loadFlows } from './load-flows.js';

function writeFlow(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'flows-'));
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

const valid = `
id: sample
version: 1
namespace: sample
steps:
  - { id: name, type: text, prompt: name }
  - { id: plan, type: choice, prompt: plan, choices: [{ value: a, label: a }, { value: b, label: b }] }
  - { id: size, type: number, prompt: size, when: { step: plan, equals: b } }
`;

describe('flow files', () => {
  it('loads the project flows', () => {
    const flows = loadFlows('flows');
    expect(flows.get('instant-birth-chart')?.definition.steps.map((s) => s.id)).toEqual(['name', 'birth_date', 'birth_time', 'birth_place']);
    expect(flows.get('instant-birth-chart')?.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts a valid file and fills defaults', () => {
    const flow = loadFlowFile(writeFlow('sample.yaml', valid)).definition;
    expect(flow.profile).toBe('answers');
    expect(flow.steps[0]).toMatchObject({ optional: false, validation: {}, depends_on: [] });
  });

  it.each([
    ['invalid YAML', 'id: [unclosed', /is not valid YAML/],
    ['a missing id', valid.replace('id: sample', ''), /id/],
    ['an unknown input type', valid.replace('type: text', 'type: colour'), /steps\.0\.type/],
    ['a duplicate step id', valid.replace('id: plan', 'id: name'), /duplicate step id "name"/],
    ['a choice step without choices', valid.replace(', choices: [{ value: a, label: a }, { value: b, label: b }]', ''), /needs choices/],
    ['a condition on a later step', valid.replace('{ id: name, type: text, prompt: name }', '{ id: name, type: text, prompt: name, when: { step: plan, equals: a } }'), /not an earlier step/],
    ['a pattern that is not a regular expression', valid.replace('prompt: name }', 'prompt: name, validation: { pattern: "([a-z" } }'), /not a valid regular expression/],
    ['an unknown field', valid.replace('namespace: sample', 'namespace: sample\ncolour: red'), /colour/],
  ])('refuses a file with %s, naming the file', (_label, text, problem) => {
    const file = writeFlow('broken.yaml', text);
    expect(() => loadFlowFile(file)).toThrow(FlowFileError);
    expect(() => loadFlowFile(file)).toThrow(problem);
    expect(() => loadFlowFile(file)).toThrow(file);
  });
});

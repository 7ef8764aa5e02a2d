import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocalizer } from '../i18n/create-i18n.js';
import { checkFlowFile, drawFlow, flowPage, formatProblems } from './flow-kit.js';
import { flowSchema } from './flow-schema.js';

const localizer = createLocalizer('locales');
const original = readFileSync('flows/instant-birth-chart.yaml', 'utf8');

/** The instant flow with one change, written to a scratch file. */
function variant(change: (text: string) => string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'flow-kit-')), 'flow.yaml');
  const text = change(original);
  expect(text).not.toBe(original);
  writeFileSync(file, text);
  return file;
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((line) => line.includes(needle)) + 1;

describe('flow kit: validate', () => {
  it('passes the flows the service ships', () => {
    for (const file of ['flows/instant-birth-chart.yaml', 'flows/user-profile.yaml', 'flows/workspace-trial.yaml']) expect(checkFlowFile(file, localizer).problems).toEqual([]);
  });

  it('names the line of a schema problem', () => {
    const file = variant((text) => text.replace('type: date', 'type: datetime'));
    const { problems } = checkFlowFile(file, localizer);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: lineOf(original, 'type: date'), where: 'steps.1.type' });
    expect(formatProblems(file, problems)).toMatch(new RegExp(`^${file}:${lineOf(original, 'type: date')}:\\d+: steps\\.1\\.type: `));
  });

  it('names the line of a missing translation, per language', () => {
    const file = variant((text) => text.replace('help: birth_time.help', 'help: birth_time.explained'));
    const { problems } = checkFlowFile(file, localizer);
    expect(problems.map((p) => p.where).sort()).toEqual(['de', 'en', 'es', 'fr', 'hi', 'pt'].map((lng) => `locales/${lng}/instant-birth-chart.json`));
    for (const problem of problems) expect(problem).toMatchObject({ line: lineOf(original, 'help: birth_time.help'), message: 'missing "birth_time.explained"' });
  });

  it('names the line of a YAML syntax error, and of a step that refers to a later one', () => {
    const broken = variant((text) => text.replace('  - id: birth_time\n', '  - id: birth_time\n   bad: [\n'));
    expect(checkFlowFile(broken, localizer).problems[0]?.line).toBeGreaterThanOrEqual(lineOf(original, 'id: birth_time'));
    const forward = variant((text) => text.replace('  - id: birth_date\n', '  - id: birth_date\n    depends_on: [birth_place]\n'));
    expect(checkFlowFile(forward, localizer).problems).toEqual([
      expect.objectContaining({ line: lineOf(original, 'id: birth_date'), where: 'steps.1', message: expect.stringContaining('not an earlier step') }),
    ]);
  });
});

describe('flow kit: draw', () => {
  it('draws the steps in order, with groups, optional steps and the states after them', () => {
    const { runtime } = checkFlowFile('flows/user-profile.yaml', localizer);
    const diagram = drawFlow(runtime!.definition);
    expect(diagram.startsWith('stateDiagram-v2\n')).toBe(true);
    expect(diagram).toContain('state "skills" as group_skills {');
    expect(diagram).toContain('full_name --> bio');
    expect(diagram).toMatch(/full_name --> bio: optional/);
    expect(diagram).toContain('group_profile --> group_skills');
    expect(diagram).toMatch(/\[\*\] --> experience: several entries/);
    expect(diagram).toContain('generating --> completed');
    expect(diagram).toContain('collecting --> skipped: skip onboarding');
    const instant = drawFlow(checkFlowFile('flows/instant-birth-chart.yaml', localizer).runtime!.definition);
    expect(instant).not.toContain('skipped');
    expect(instant).toContain('birth_place --> [*]');
  });

  it('labels the arrow into a conditional step with its condition', () => {
    const flow = flowSchema.parse({
      id: 'coach-intake',
      version: 1,
      namespace: 'coach-intake',
      steps: [
        { id: 'role', type: 'choice', prompt: 'role.prompt', choices: [{ value: 'coach', label: 'role.coach' }, { value: 'client', label: 'role.client' }] },
        { id: 'certification', type: 'text', prompt: 'certification.prompt', when: { any: [{ step: 'role', equals: 'coach' }, { not: { step: 'role', answered: true } }] } },
      ],
    });
    expect(drawFlow(flow)).toContain('role --> certification: only when role = coach or not (role answered)');
  });

  it.each(['instant-birth-chart', 'user-profile', 'workspace-trial'])('docs/flows/%s.md is the diagram of the flow as it is (npm run flow -- draw)', (id) => {
    const file = `flows/${id}.yaml`;
    const flow = checkFlowFile(file, localizer).runtime!.definition;
    const translate = localizer.translator(flow.languages[0] ?? 'en');
    expect(readFileSync(`docs/flows/${id}.md`, 'utf8')).toBe(flowPage(file, flow, drawFlow(flow, (key) => translate(key))));
  });
});

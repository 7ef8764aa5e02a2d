import { describe, expect, it } from 'vitest';
import { flowSchema } from '../flows/flow-schema.js';
import { createLocalizer } from '../i18n/create-i18n.js';
import { advanceConversation, startConversation, type StepResult } from './conversation.js';
import { compileFlow } from './flow-runtime.js';
import { interpretReply } from './interpret-reply.js';
import { answerParsers } from './parsers/index.js';
import { renderOutputs } from './render-outputs.js';

const localizer = createLocalizer('locales');
const flow = flowSchema.parse({
  id: 'entries-test',
  version: 1,
  namespace: 'common',
  steps: [
    {
      id: 'jobs',
      type: 'entries',
      prompt: 'help.text',
      max_entries: 3,
      fields: [
        { id: 'kind', type: 'choice', prompt: 'help.choice', choices: [{ value: 'work', label: 'choices.yes' }, { value: 'education', label: 'choices.no' }] },
        { id: 'title', type: 'text', prompt: 'help.text' },
        { id: 'since', type: 'number', prompt: 'help.number', validation: { integer: true, min: 1900, max: 2100 }, optional: true },
      ],
    },
    { id: 'after', type: 'text', prompt: 'help.text' },
  ],
});
const runtime = compileFlow(flow, 'entries-hash');

/** Says each text in turn, as the turn runner does: interpret, then step the machine. */
function say(result: StepResult, ...texts: string[]): StepResult {
  return texts.reduce((r, text) => {
    const state = { phase: r.state.phase, step: r.state.step, context: r.state.context };
    const event = interpretReply(text, {
      runtime,
      state,
      language: 'en',
      now: new Date('2026-12-04T12:00:00Z'),
      translate: localizer.translator('en'),
      commands: localizer.commandWords('en'),
      dialogue: localizer.dialogueWords('en', 'common'),
      parsers: answerParsers,
    });
    return advanceConversation(runtime, r.persisted, event);
  }, result);
}

const lastAsk = (result: StepResult) => result.outputs.filter((o) => o.type === 'ask').at(-1);

describe('an entries step (a repeated group)', () => {
  it('asks each field in turn, then whether to add another', () => {
    const started = startConversation(runtime);
    expect(lastAsk(started)).toMatchObject({ step: 'jobs', part: { field: 'kind' } });
    const oneEntry = say(started, 'work', 'Engineer', '2015');
    expect(lastAsk(oneEntry)).toMatchObject({ step: 'jobs', part: { more: true } });
    const rendered = renderOutputs(runtime, oneEntry.outputs, localizer.translator('en'));
    expect(rendered.at(-1)).toMatchObject({ text: 'Add another one?', choices: [{ value: 'yes' }, { value: 'no' }] });
    const done = say(oneEntry, 'no');
    expect(done.state.step).toBe('after');
    expect(done.state.context.answers.jobs).toEqual([{ kind: 'work', title: 'Engineer', since: 2015 }]);
    expect(done.state.context.draft).toBeNull();
  });

  it('takes several entries, skips an optional field, and stops at the most it takes', () => {
    const full = say(startConversation(runtime), 'work', 'Engineer', 'skip', 'yes', 'education', 'BSc', '2010', 'yes', 'work', 'Intern', '2009');
    expect(full.state.step).toBe('after');
    expect(full.state.context.answers.jobs).toEqual([
      { kind: 'work', title: 'Engineer', since: null },
      { kind: 'education', title: 'BSc', since: 2010 },
      { kind: 'work', title: 'Intern', since: 2009 },
    ]);
  });

  it('re-asks a field with the reason when its answer is invalid, and does not skip a required field', () => {
    const invalid = say(startConversation(runtime), 'work', 'Engineer', 'not a year');
    expect(lastAsk(invalid)).toMatchObject({ part: { field: 'since' } });
    expect(invalid.state.context.failures.jobs).toBe(1);
    const refused = say(startConversation(runtime), 'skip');
    expect(refused.outputs[0]).toMatchObject({ type: 'say', message: { key: 'common:skip.not_optional' } });
    expect(lastAsk(refused)).toMatchObject({ part: { field: 'kind' } });
  });

  it('asks again for yes or no to "add another?"', () => {
    const unclear = say(startConversation(runtime), 'work', 'Engineer', '2015', 'banana');
    expect(unclear.outputs[0]).toMatchObject({ type: 'say', message: { key: 'common:entries.yes_or_no' } });
    expect(lastAsk(unclear)).toMatchObject({ part: { more: true } });
  });

  it('starts the entries again on "back" from the next step', () => {
    const back = say(startConversation(runtime), 'work', 'Engineer', '2015', 'no', 'back');
    expect(back.state.step).toBe('jobs');
    expect(back.state.context.answers.jobs).toBeUndefined();
    expect(lastAsk(back)).toMatchObject({ part: { field: 'kind' } });
  });
});

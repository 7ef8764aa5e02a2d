import { describe, expect, it } from 'vitest';
import { loadFlows } from '../flows/load-flows.js';
import { createLocalizer } from '../i18n/create-i18n.js';
import { advanceConversation, readConversation, startConversation } from './conversation.js';
import type { FlowEvent } from './flow-machine.js';
import { interpretReply } from './interpret-reply.js';
import { answerParsers } from './parsers/index.js';

const localizer = createLocalizer('locales');
const runtime = loadFlows('flows').get('instant-birth-chart');
if (!runtime) throw new Error('instant flow missing');
const now = new Date('2026-11-21T12:00:00Z');

/** Interprets `text` at the step reached after `events`, with the real parsers and locale files. */
function interpret(text: string, language = 'en', events: FlowEvent[] = []): FlowEvent {
  let persisted = startConversation(runtime!).persisted;
  for (const event of events) persisted = advanceConversation(runtime!, persisted, event).persisted;
  return interpretReply(text, {
    runtime: runtime!,
    state: readConversation(runtime!, persisted),
    language,
    now,
    translate: localizer.translator(language),
    commands: localizer.commandWords(language),
    dialogue: localizer.dialogueWords(language, runtime!.definition.namespace),
    parsers: answerParsers,
  });
}

const answered: FlowEvent[] = [
  { type: 'ANSWER', step: 'name', value: 'Maria' },
  { type: 'ANSWER', step: 'birth_date', value: '1990-03-05' },
];

describe('interpreting a reply', () => {
  it('fills every step from one message and reads each value with its parser', () => {
    const event = interpret("I'm Maria, born 5 March 1990 at 7:30 in Madrid");
    expect(event).toMatchObject({
      type: 'ANSWERS',
      values: { name: 'Maria', birth_date: '1990-03-05', birth_time: '07:30', birth_place: { name: 'Madrid', country: 'ES' } },
    });
  });

  it('does the same in Spanish', () => {
    const event = interpret('Soy María, nací el 5 de marzo de 1990 a las 7:30 en Madrid', 'es');
    expect(event).toMatchObject({
      type: 'ANSWERS',
      values: { name: 'María', birth_date: '1990-03-05', birth_time: '07:30', birth_place: { name: 'Madrid' } },
    });
  });

  it('fills only what it finds and leaves the rest to be asked', () => {
    expect(interpret('Maria, born in Madrid')).toEqual({ type: 'ANSWERS', values: { birth_place: expect.objectContaining({ name: 'Madrid' }) } });
    expect(interpret('5 March 1990 at 19:45', 'en', answered.slice(0, 1))).toEqual({
      type: 'ANSWERS',
      values: { birth_date: '1990-03-05', birth_time: '19:45' },
    });
  });

  it('takes a plain answer as the answer to the question asked', () => {
    expect(interpret('Maria')).toEqual({ type: 'ANSWER', step: 'name', value: 'Maria' });
    expect(interpret('my name is Maria')).toEqual({ type: 'ANSWER', step: 'name', value: 'Maria' });
    expect(interpret('I was born in Madrid', 'en', [...answered, { type: 'ANSWER', step: 'birth_time', value: 'unknown' }])).toMatchObject({
      type: 'ANSWER',
      step: 'birth_place',
      value: { name: 'Madrid' },
    });
  });

  it('reads corrections of earlier answers', () => {
    expect(interpret('change my birth date', 'en', answered)).toEqual({ type: 'EDIT', step: 'birth_date' });
    expect(interpret('I want to change my birthday', 'en', answered)).toEqual({ type: 'EDIT', step: 'birth_date' });
    expect(interpret('actually my date of birth is 6 March 1990', 'en', answered)).toEqual({
      type: 'ANSWER', step: 'birth_date', value: '1990-03-06',
      notes: [{ key: 'common:correction.changed', vars: { field: 'birth date', value: '6 March 1990' } }],
    });
    expect(interpret('quiero cambiar mi fecha de nacimiento', 'es', answered)).toEqual({ type: 'EDIT', step: 'birth_date' });
    expect(interpret('en realidad mi nombre es Ana', 'es', answered)).toMatchObject({
      type: 'ANSWER', step: 'name', value: 'Ana', notes: [{ key: 'common:correction.changed', vars: { field: 'nombre', value: 'Ana' } }],
    });
  });

  it('says why a correction is refused', () => {
    expect(interpret('actually my birth date is the day after tomorrow', 'en', answered)).toMatchObject({ type: 'INVALID', step: 'birth_date' });
  });

  it('knows the commands in both languages', () => {
    expect(interpret('help')).toEqual({ type: 'HELP', step: 'name' });
    expect(interpret('Ayuda', 'es')).toEqual({ type: 'HELP', step: 'name' });
    expect(interpret('back', 'en', answered)).toEqual({ type: 'BACK' });
    expect(interpret('atrás', 'es', answered)).toEqual({ type: 'BACK' });
    expect(interpret('restart')).toEqual({ type: 'RESTART' });
    expect(interpret('stop')).toEqual({ type: 'STOP' });
    expect(interpret('pausa', 'es')).toEqual({ type: 'STOP' });
    expect(interpret('skip')).toMatchObject({ type: 'INVALID', reason: { key: 'common:skip.not_optional' } });
  });
});

describe('matching words', () => {
  it('drops Latin accents but keeps the vowel signs of Devanagari', async () => {
    const { normalizeWords } = await import('./normalize.js');
    expect(normalizeWords('  Atrás! ')).toBe('atras');
    expect(normalizeWords('हाँ')).not.toBe(normalizeWords('है'));
  });
});

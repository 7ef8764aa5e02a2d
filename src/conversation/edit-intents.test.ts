import { describe, expect, it } from 'vitest';
import { loadFlows } from '../flows/load-flows.js';
import { createLocalizer } from '../i18n/create-i18n.js';
import type { DialogueWords } from './dialogue-words.js';
import { findEditIntent } from './edit-intents.js';

const steps = loadFlows('flows').get('instant-birth-chart')?.definition.steps ?? [];
const words: DialogueWords = {
  change: ['change my {{field}}', 'my {{field}} is wrong', "changer l'{{field}}", 'मेरी {{field}} बदलो'],
  correct: ['my {{field}} is {{value}}', 'mera {{field}} {{value}} hai'],
  introduce: [],
  placeMarkers: [],
  nameEnd: [],
  stepNames: {
    name: ['name', 'naam'],
    birth_date: ['birth date', 'जन्म तिथि'],
    birth_time: ['birth time', 'heure'],
    birth_place: ['birth place', 'janam sthan'],
  },
};

describe('edit intents', () => {
  it('reads a change with fixed words before a correction with a value ("my birth time is wrong")', () => {
    expect(findEditIntent('my birth time is wrong', words, steps)).toEqual({ kind: 'change', step: 'birth_time' });
    expect(findEditIntent('mera janam sthan badalna hai', { ...words, change: ['mera {{field}} badalna hai'] }, steps)).toEqual({
      kind: 'change',
      step: 'birth_place',
    });
    expect(findEditIntent('my birth time is 19:45', words, steps)).toEqual({ kind: 'correct', step: 'birth_time', valueText: '19:45' });
  });

  it('reads French elision and Devanagari templates', () => {
    expect(findEditIntent("changer l'heure", words, steps)).toEqual({ kind: 'change', step: 'birth_time' });
    expect(findEditIntent('मेरी जन्म तिथि बदलो', words, steps)).toEqual({ kind: 'change', step: 'birth_date' });
  });

  it('does not take several answers for a corrected name', () => {
    expect(findEditIntent('my name is Maria, born 5 March 1990 in Madrid', words, steps)).toBeNull();
    expect(findEditIntent('my name is Maria.', words, steps)).toEqual({ kind: 'correct', step: 'name', valueText: 'Maria' });
    expect(findEditIntent('my birth place is Madrid, Spain', words, steps)).toEqual({
      kind: 'correct',
      step: 'birth_place',
      valueText: 'Madrid, Spain',
    });
  });

  it('only knows the steps it is given', () => {
    expect(findEditIntent('change my birth date', words, steps.slice(0, 1))).toBeNull();
    expect(findEditIntent('change my birth date', words, steps)).toEqual({ kind: 'change', step: 'birth_date' });
  });
});

describe('edit intents in every language the service speaks', () => {
  const localizer = createLocalizer('locales');
  const runtime = loadFlows('flows').get('instant-birth-chart');
  const fill = (template: string, field: string, value: string) => template.replace('{{field}}', field).replace('{{value}}', value);

  it.each(['en', 'es', 'fr', 'de', 'pt', 'hi'])('finds each change and correction its locale words say, for every step name (%s)', (language) => {
    const dialogue = localizer.dialogueWords(language, runtime?.definition.namespace ?? '');
    let checked = 0;
    for (const step of steps) {
      for (const name of dialogue.stepNames[step.id] ?? []) {
        for (const template of dialogue.change) {
          if (!template.includes('{{field}}')) continue;
          const found = findEditIntent(fill(template, name.toUpperCase(), ''), dialogue, steps);
          expect(found, fill(template, name, '')).toMatchObject({ step: step.id });
          checked += 1;
        }
        for (const template of dialogue.correct) {
          if (!template.includes('{{field}}') || !template.includes('{{value}}')) continue;
          const found = findEditIntent(fill(template, name, 'Lisboa'), dialogue, steps);
          expect(found, fill(template, name, 'Lisboa')).toMatchObject({ step: step.id });
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(10);
  });
});

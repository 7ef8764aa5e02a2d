import { describe, expect, it } from 'vitest';
import type { StepDefinition } from '../flows/flow-schema.js';
import { loadFlows } from '../flows/load-flows.js';
import type { DialogueWords } from './dialogue-words.js';
import { extractAnswers } from './extract-answers.js';
import { answerParsers } from './parsers/index.js';

const steps = loadFlows('flows').get('instant-birth-chart')?.definition.steps ?? [];
const now = new Date('2026-11-21T12:00:00Z');

function words(partial: Partial<DialogueWords>): DialogueWords {
  return { change: [], correct: [], introduce: [], placeMarkers: [], nameEnd: [], stepNames: {}, ...partial };
}

function extract(text: string, language: string, dialogue: DialogueWords, open: readonly StepDefinition[] = steps) {
  const parseContext = (step: StepDefinition) => ({ language, now, validation: step.validation });
  return extractAnswers(text, open, { words: dialogue, parseContext, parsers: answerParsers });
}

const french = words({ introduce: ["je m'appelle", 'je suis'], placeMarkers: ['à', 'de'], nameEnd: ['née', 'et'] });
const hindi = words({
  introduce: ['मैं {{value}} हूँ', 'मेरा नाम'],
  placeMarkers: ['{{value}} में', '{{value}} mein', 'in'],
  nameEnd: ['है', 'हूँ', 'मेरा', 'जन्म', 'को', 'janam', 'ko', 'baje'],
});

describe('several answers in one message', () => {
  it('takes the place after the last marker, past a blanked time ("à 7h30 à Paris")', () => {
    expect(extract("Je m'appelle Marie, née le 5 mars 1990 à 7h30 à Paris", 'fr', french)).toMatchObject({
      name: 'Marie',
      birth_date: '1990-03-05',
      birth_time: '07:30',
      birth_place: { name: 'Paris', country: 'FR' },
    });
  });

  it('does not take a marker or a stop word for a name ("je suis née à Lyon", "I\'m from Madrid")', () => {
    expect(extract('je suis née à Lyon', 'fr', french)).toEqual({ birth_place: expect.objectContaining({ name: 'Lyon' }) });
    const english = words({ introduce: ["i'm"], placeMarkers: ['from', 'in'], nameEnd: ['born'] });
    expect(extract("I'm from Madrid", 'en', english)).toEqual({ birth_place: expect.objectContaining({ name: 'Madrid' }) });
  });

  it('reads a place before a postposition ("मुंबई में") and a name inside "मैं … हूँ"', () => {
    expect(extract('मैं प्रिया हूँ, मेरा जन्म 5 मार्च 1990 को सुबह 7:30 बजे मुंबई में हुआ', 'hi', hindi)).toMatchObject({
      name: 'प्रिया',
      birth_date: '1990-03-05',
      birth_time: '07:30',
      birth_place: { name: 'Mumbai', country: 'IN' },
    });
    expect(extract('mera janam nai dilli mein hua', 'hi', hindi)).toEqual({ birth_place: expect.objectContaining({ name: 'Delhi' }) });
  });

  it('keeps Devanagari vowel signs in a name, and needs the words after it when the phrase has them', () => {
    expect(extract('मेरा नाम राहुल शर्मा, 12 जून 1985', 'hi', hindi)).toMatchObject({ name: 'राहुल शर्मा' });
    // "मैं … हूँ" without "हूँ" is no introduction: "मैं मुंबई में पैदा हुई" names no one.
    expect(extract('मैं मुंबई में पैदा हुई', 'hi', hindi)).toEqual({ birth_place: expect.objectContaining({ name: 'Mumbai' }) });
  });

  it('prefers the longer introduction where two start together ("sou a Ana")', () => {
    const portuguese = words({ introduce: ['sou', 'sou a'], placeMarkers: ['em'], nameEnd: ['nasci'] });
    expect(extract('Sou a Ana, nasci em Lisboa', 'pt', portuguese)).toMatchObject({ name: 'Ana', birth_place: { name: 'Lisbon' } });
  });

  it('does not read a lower-case stop word after a marker as a place ("no dia 5")', () => {
    const portuguese = words({ placeMarkers: ['no', 'em'], nameEnd: ['dia'] });
    expect(extract('nasci no dia 5', 'pt', portuguese, steps.slice(3))).toEqual({});
  });
});

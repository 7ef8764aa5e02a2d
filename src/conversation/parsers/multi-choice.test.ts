import { describe, expect, it } from 'vitest';
import { parseMultiChoice } from './multi-choice.js';
import { context } from './test-support.js';

const choices = [
  { value: 'technology', label: 'l', text: 'Technology', synonyms: ['tech', 'coding'] },
  { value: 'music', label: 'l', text: 'Music' },
  { value: 'travel', label: 'l', text: 'Travel' },
  { value: 'health', label: 'l', text: 'Health & wellness', synonyms: ['yoga'] },
];
const es = [
  { value: 'technology', label: 'l', text: 'Tecnología' },
  { value: 'music', label: 'l', text: 'Música' },
  { value: 'travel', label: 'l', text: 'Viajes' },
  { value: 'health', label: 'l', text: 'Salud y bienestar' },
];

describe('multi-choice parser', () => {
  it.each([
    ['music, travel', ['music', 'travel']],
    ['travel and music', ['music', 'travel']],
    ['Tech & yoga', ['technology', 'health']],
    ['1, 3', ['technology', 'travel']],
    ['1 3', ['technology', 'travel']],
    ['musik, travel', ['music', 'travel']],
    ['all of them', ['technology', 'music', 'travel', 'health']],
    ['I love music and travel', ['music', 'travel']],
    ['yoga and coding for fun', ['technology', 'health']],
    ['music travel', ['music', 'travel']],
    ['music', ['music']],
  ])('en: %j -> %j', (text, values) => {
    expect(parseMultiChoice(text, context('en', {}, { choices }))).toEqual({ kind: 'accepted', value: values });
  });

  it('reads Spanish labels with accents or without, and "todos"', () => {
    expect(parseMultiChoice('musica y tecnologia', context('es', {}, { choices: es }))).toEqual({ kind: 'accepted', value: ['technology', 'music'] });
    expect(parseMultiChoice('Salud y bienestar, viajes', context('es', {}, { choices: es }))).toEqual({ kind: 'accepted', value: ['travel', 'health'] });
    expect(parseMultiChoice('todos', context('es', {}, { choices: es }))).toMatchObject({ value: ['technology', 'music', 'travel', 'health'] });
  });

  it('names what it did not recognise, with the options, and never drops it', () => {
    expect(parseMultiChoice('music and travelling the world', context('en', {}, { choices }))).toMatchObject({
      kind: 'rejected',
      reason: { vars: { items: 'travelling the world' } },
    });
    expect(parseMultiChoice('music, knitting', context('en', {}, { choices }))).toEqual({
      kind: 'rejected',
      reason: { key: 'parsers:multi_choice.unknown', vars: { items: 'knitting', options: 'Technology, Music, Travel, Health & wellness' } },
    });
  });

  it('holds min_items and max_items', () => {
    expect(parseMultiChoice('music', context('en', { min_items: 2 }, { choices }))).toMatchObject({ kind: 'rejected', reason: { key: 'parsers:multi_choice.too_few' } });
    expect(parseMultiChoice('music, travel, tech', context('en', { max_items: 2 }, { choices }))).toMatchObject({ kind: 'rejected', reason: { key: 'parsers:multi_choice.too_many', vars: { count: 2 } } });
  });
});

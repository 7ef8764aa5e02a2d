import { describe, expect, it } from 'vitest';
import { parseChoice } from './choice.js';
import { context } from './test-support.js';

const contact = [
  { value: 'email', label: 'contact.email', text: 'Email' },
  { value: 'phone', label: 'contact.phone', text: 'Phone call' },
  { value: 'sms', label: 'contact.sms', text: 'Text message', synonyms: ['sms', 'whatsapp'] },
];
const momentEs = [
  { value: 'morning', label: 'moment.morning', text: 'Por la mañana' },
  { value: 'afternoon', label: 'moment.afternoon', text: 'Por la tarde' },
  { value: 'night', label: 'moment.night', text: 'Por la noche' },
];
const genderFr = [
  { value: 'female', label: 'g.f', text: 'Femme' },
  { value: 'male', label: 'g.m', text: 'Homme' },
  { value: 'other', label: 'g.o', text: 'Autre' },
];
const genderDe = [
  { value: 'female', label: 'g.f', text: 'Weiblich' },
  { value: 'male', label: 'g.m', text: 'Männlich' },
  { value: 'diverse', label: 'g.d', text: 'Divers' },
];
const petPt = [
  { value: 'cat', label: 'p.c', text: 'Gato' },
  { value: 'dog', label: 'p.d', text: 'Cachorro', synonyms: ['cão', 'cao'] },
];
const dietHi = [
  { value: 'veg', label: 'd.v', text: 'शाकाहारी', synonyms: ['veg', 'shakahari'] },
  { value: 'nonveg', label: 'd.n', text: 'मांसाहारी', synonyms: ['non veg', 'nonveg'] },
];

const pick = (language: string, choices: typeof contact, text: string) => parseChoice(text, context(language, {}, { choices }));

describe('parseChoice', () => {
  it.each([
    ['en', contact, '2', 'phone'],
    ['en', contact, 'the second one', 'phone'],
    ['en', contact, 'option 3', 'sms'],
    ['en', contact, 'three', 'sms'],
    ['en', contact, 'last', 'sms'],
    ['en', contact, 'EMAIL', 'email'],
    ['en', contact, 'emial', 'email'],
    ['en', contact, 'phone', 'phone'],
    ['en', contact, 'by phone call please', 'phone'],
    ['en', contact, 'WhatsApp', 'sms'],
    ['en', contact, 'sms', 'sms'],
    ['es', momentEs, 'dos', 'afternoon'],
    ['es', momentEs, 'la segunda', 'afternoon'],
    ['es', momentEs, 'por la manana', 'morning'],
    ['es', momentEs, 'la tarde', 'afternoon'],
    ['es', momentEs, 'noche', 'night'],
    ['fr', genderFr, 'femme', 'female'],
    ['fr', genderFr, 'la deuxième', 'male'],
    ['fr', genderFr, 'autr', 'other'],
    ['de', genderDe, 'mannlich', 'male'],
    ['de', genderDe, 'die erste', 'female'],
    ['de', genderDe, 'divers', 'diverse'],
    ['pt', petPt, 'gato', 'cat'],
    ['pt', petPt, 'cão', 'dog'],
    ['pt', petPt, 'o segundo', 'dog'],
    ['hi', dietHi, 'शाकाहारी', 'veg'],
    ['hi', dietHi, 'non veg', 'nonveg'],
    ['hi', dietHi, 'दूसरा', 'nonveg'],
    ['hi', dietHi, '१', 'veg'],
  ])('%s picks from "%s"', (language, choices, text, value) => {
    expect(pick(language, choices, text)).toEqual({ kind: 'accepted', value });
  });

  it('asks when the answer fits several choices', () => {
    expect(pick('es', momentEs, 'por la')).toEqual({
      kind: 'clarify',
      question: { key: 'parsers:choice.ambiguous' },
      options: [
        { label: 'Por la mañana', value: 'morning' },
        { label: 'Por la tarde', value: 'afternoon' },
        { label: 'Por la noche', value: 'night' },
      ],
    });
    const both = pick('en', contact, 'email or phone call');
    expect(both.kind === 'clarify' && both.options.map((o) => o.value)).toEqual(['email', 'phone']);
  });

  it.each(['banana', '4', '0', '', 'zzzzzz'])('refuses "%s" listing the options', (text) => {
    expect(pick('en', contact, text)).toEqual({
      kind: 'rejected',
      reason: { key: 'parsers:choice.no_match', vars: { options: 'Email, Phone call, Text message' } },
    });
  });

  it('refuses when the step has no choices', () => {
    expect(parseChoice('1', context('en'))).toEqual({ kind: 'rejected', reason: { key: 'parsers:choice.unavailable' } });
  });
});

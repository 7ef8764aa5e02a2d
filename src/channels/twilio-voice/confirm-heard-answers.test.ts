import { describe, expect, it } from 'vitest';
import type { FlowEvent } from '../../conversation/flow-machine.js';
import { createLocalizer } from '../../i18n/create-i18n.js';
import { loadFlows } from '../../flows/load-flows.js';
import { confirmHeardAnswers, needsConfirming } from './confirm-heard-answers.js';

const runtime = loadFlows('flows').get('instant-birth-chart');
if (!runtime) throw new Error('instant flow missing');
const localizer = createLocalizer('locales');
const step = (id: string) => runtime.step(id)!;
const turn = (asked: string | null, language = 'en') => ({ runtime, step: asked, language, translate: localizer.translator(language) });
const speech = (confidence: number | null) => confirmHeardAnswers({ via: 'speech', confidence }, { below: 0.6, speechLanguage: 'en-US' });
const madrid = { name: 'Madrid', country: 'ES', country_name: 'Spain', lat: 40.4, lon: -3.7, tz: 'Europe/Madrid' };

describe('which answers a call reads back', () => {
  it('names, dates, places and emails when heard; anything heard with little confidence; keypad dates only', () => {
    expect(needsConfirming(step('name'), { via: 'speech', confidence: 0.99 }, 0.6)).toBe(true);
    expect(needsConfirming(step('birth_place'), { via: 'speech', confidence: 0.99 }, 0.6)).toBe(true);
    expect(needsConfirming(step('birth_time'), { via: 'speech', confidence: 0.99 }, 0.6)).toBe(false);
    expect(needsConfirming(step('birth_time'), { via: 'speech', confidence: 0.59 }, 0.6)).toBe(true);
    expect(needsConfirming(step('birth_time'), { via: 'speech', confidence: null }, 0.6)).toBe(false);
    expect(needsConfirming(step('birth_date'), { via: 'keypad' }, 0.6)).toBe(true);
    expect(needsConfirming(step('birth_time'), { via: 'keypad' }, 0.6)).toBe(false);
  });

  it('turns such an answer into a question with the value as its one option, said for the session\'s language', () => {
    expect(speech(0.9)({ type: 'ANSWER', step: 'birth_date', value: '1990-03-05' }, turn('birth_date'))).toEqual({
      type: 'CLARIFY',
      step: 'birth_date',
      question: { key: 'voice:confirm', vars: { value: 'March 5, 1990' } },
      options: [{ label: 'March 5, 1990', value: '1990-03-05' }],
    });
    const spanish = confirmHeardAnswers({ via: 'speech', confidence: 0.9 }, { below: 0.6, speechLanguage: 'es-ES' });
    expect(spanish({ type: 'ANSWER', step: 'birth_place', value: madrid }, turn('birth_place', 'es'))).toMatchObject({ options: [{ label: 'Madrid, España', value: madrid }] });
    const other: FlowEvent = { type: 'HELP', step: 'name' };
    expect(speech(0.1)(other, turn('name'))).toBe(other);
    const skipped: FlowEvent = { type: 'ANSWER', step: 'name', value: null };
    expect(speech(0.1)(skipped, turn('name'))).toBe(skipped);
  });

  it('of several answers, confirms the question asked, keeps the sure ones, and never stores an unconfirmed one', () => {
    const both: FlowEvent = { type: 'ANSWERS', values: { name: 'Maria', birth_time: '07:30' } };
    expect(speech(0.9)(both, turn('name'))).toMatchObject({ type: 'CLARIFY', step: 'name' });
    const timeAndPlace: FlowEvent = { type: 'ANSWERS', values: { birth_time: '07:30', birth_place: madrid } };
    expect(speech(0.9)(timeAndPlace, turn('birth_time'))).toEqual({ type: 'ANSWERS', values: { birth_time: '07:30' } });
    const misheard: FlowEvent = { type: 'ANSWERS', values: { birth_place: madrid } };
    expect(speech(0.9)(misheard, turn('birth_date'))).toEqual({ type: 'INVALID', step: 'birth_date', reason: { key: 'voice:not_understood' } });
    const sure: FlowEvent = { type: 'ANSWERS', values: { birth_time: '07:30' } };
    expect(speech(0.9)(sure, turn('birth_time'))).toBe(sure);
  });
});

import { readFileSync } from 'node:fs';
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnswerValue } from '../../conversation/parsers/parser-types.js';
import type { ProfileData, Translate } from '../profile-generator.js';
import { birthChartGenerator } from './birth-chart-generator.js';

const MADRID = { name: 'Madrid', country: 'ES', country_name: 'Spain', region: 'Community of Madrid', lat: 40.4165, lon: -3.70256, tz: 'Europe/Madrid' };
const NEW_YORK = { name: 'New York City', country: 'US', lat: 40.7143, lon: -74.006, tz: 'America/New_York' };
const TROMSO = { name: 'Tromsø', country: 'NO', lat: 69.6496, lon: 18.957, tz: 'Europe/Oslo' };

const i18n = i18next.createInstance();
beforeAll(async () => {
  const load = (lng: string) => JSON.parse(readFileSync(new URL(`../../../locales/${lng}/birth-chart.json`, import.meta.url), 'utf8')) as object;
  await i18n.init({
    resources: { en: { 'birth-chart': load('en') }, es: { 'birth-chart': load('es') } },
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  });
});
const translator = (language: string): Translate => {
  const t = i18n.getFixedT(language);
  return (key, vars) => t(key, vars ?? {});
};

const answers = (time: string, place: Record<string, AnswerValue> = MADRID, date = '1990-03-05'): Record<string, AnswerValue> => ({
  name: 'Maria',
  birth_date: date,
  birth_time: time,
  birth_place: place,
});

const generate = (a: Record<string, AnswerValue>, language = 'en'): Promise<ProfileData> =>
  birthChartGenerator.generate({ sessionId: 's1', flowId: 'instant-birth-chart', language, answers: a, translate: translator(language) });

describe('birthChartGenerator.generate', () => {
  it('builds the profile for a known time: local time to UTC, bodies, angles, Placidus houses, aspects, summary', async () => {
    const profile = await generate(answers('07:30'));
    expect(profile.kind).toBe('birth-chart');
    expect(profile.person).toEqual({ name: 'Maria' });
    expect(profile.birth).toEqual({
      local: '1990-03-05T07:30',
      utc: '1990-03-05T06:30:00Z',
      utc_offset: '+01:00',
      time_known: true,
      place: MADRID,
    });
    const bodies = profile.bodies as Array<{ name: string; longitude: number; sign: string; degree: number; retrograde: boolean }>;
    expect(bodies.map((b) => b.name)).toEqual(['Sun', 'Moon', 'Mercury', 'Venus', 'Mars', 'Jupiter', 'Saturn', 'Uranus', 'Neptune', 'Pluto', 'Mean Node']);
    const sun = bodies[0];
    expect(sun).toMatchObject({ sign: 'Pisces', retrograde: false });
    expect(sun?.longitude).toBeCloseTo(344.42, 1);
    expect(sun?.degree).toBeCloseTo(14.42, 1);
    expect(bodies.every((b) => b.longitude >= 0 && b.longitude < 360)).toBe(true);
    expect(profile.ascendant).toMatchObject({ sign: expect.any(String) as string });
    expect(profile.midheaven).toMatchObject({ sign: expect.any(String) as string });
    expect(profile.houses).toMatchObject({ system: 'placidus' });
    expect((profile.houses as { cusps: number[] }).cusps).toHaveLength(12);
    expect(Array.isArray(profile.aspects)).toBe(true);
    expect(profile.notes).toEqual([]);
    expect(profile.summary).toMatch(/^Maria, here is your birth chart for Madrid: your Sun is in Pisces, your Moon in \w+ and your Ascendant in \w+\. Your closest aspect: /u);
  });

  it('is idempotent: the same answers give the same profile', async () => {
    expect(await generate(answers('07:30'))).toEqual(await generate(answers('07:30')));
  });

  it('writes the summary in Spanish from the locale files', async () => {
    const profile = await generate(answers('07:30'), 'es');
    expect(profile.summary).toMatch(/^Maria, aquí tienes tu carta natal para Madrid: tu Sol está en Piscis, tu Luna en /u);
    expect(profile.summary).toMatch(/Tu aspecto más exacto: .+ \(orbe de \d+(,\d)?°\)\./u);
  });

  it('unknown birth time: local noon, no angles or houses, the Moon marked uncertain when it changed sign that day', async () => {
    const profile = await generate(answers('unknown'));
    expect(profile.birth).toMatchObject({ local: '1990-03-05T12:00', utc: '1990-03-05T11:00:00Z', time_known: false });
    expect(profile).not.toHaveProperty('ascendant');
    expect(profile).not.toHaveProperty('midheaven');
    expect(profile).not.toHaveProperty('houses');
    // The Moon entered Cancer from Gemini during 5 March 1990 in Madrid.
    expect(profile.moon_sign_uncertain).toEqual({ signs: ['Gemini', 'Cancer'] });
    expect((profile.aspects as Array<{ a: string; b: string }>).some((a) => a.a === 'Moon' || a.b === 'Moon')).toBe(false);
    expect(profile.notes).toEqual([
      expect.stringMatching(/^birth_time_unknown/u) as string,
      expect.stringMatching(/^moon_sign_uncertain/u) as string,
    ]);
    expect(profile.summary).toContain('The Moon changed sign that day, so it is in Gemini or Cancer');
  });

  it('unknown birth time on a day the Moon stays in one sign says only its sign', async () => {
    const profile = await generate(answers('unknown', MADRID, '1990-03-04'));
    expect(profile).not.toHaveProperty('moon_sign_uncertain');
    expect(profile.summary).toContain('your Moon in Gemini. Without a birth time I used noon');
  });

  it('above the polar circle the houses fall back to Porphyry and the profile says so', async () => {
    const profile = await generate(answers('12:00', TROMSO, '1990-06-21'));
    expect(profile.houses).toMatchObject({ system: 'porphyry' });
    expect(profile.notes).toEqual([expect.stringMatching(/^houses_porphyry/u) as string]);
    expect(profile.summary).toContain('Porphyry');
  });

  it('an explicit offset picked on a fall-back night is used as given', async () => {
    const first = await generate(answers('01:30-04:00', NEW_YORK, '2021-11-07'));
    const second = await generate(answers('01:30-05:00', NEW_YORK, '2021-11-07'));
    expect(first.birth).toMatchObject({ utc: '2021-11-07T05:30:00Z', utc_offset: '-04:00' });
    expect(second.birth).toMatchObject({ utc: '2021-11-07T06:30:00Z', utc_offset: '-05:00' });
  });

  it('honours a whole-sign house_system answer', async () => {
    const profile = await generate({ ...answers('07:30'), house_system: 'whole-sign' });
    expect(profile.houses).toMatchObject({ system: 'whole-sign' });
  });

  it('refuses answers without a usable place', async () => {
    await expect(generate(answers('07:30', { name: 'Atlantis' }))).rejects.toThrow(/birth_place/u);
  });
});

describe('birthChartGenerator.review', () => {
  const review = (a: Record<string, AnswerValue>, language = 'en') => birthChartGenerator.review?.(a, language) ?? null;

  it('passes ordinary answers, unknown times and explicit offsets', () => {
    expect(review(answers('07:30'))).toBeNull();
    expect(review(answers('unknown'))).toBeNull();
    expect(review(answers('02:30+01:00', MADRID, '2021-03-28'))).toBeNull();
  });

  it('asks back a time in the spring-forward gap (02:30, Madrid, 28 March 2021)', () => {
    expect(review(answers('02:30', MADRID, '2021-03-28'))).toEqual({
      step: 'birth_time',
      result: {
        kind: 'clarify',
        question: { key: 'birth-chart:time.gap', vars: { time: '02:30', place: 'Madrid', from: '02:00', to: '03:00' } },
        options: [
          { label: '02:30 winter time (UTC+01:00)', value: '02:30+01:00' },
          { label: '02:30 summer time (UTC+02:00)', value: '02:30+02:00' },
        ],
      },
    });
  });

  it('asks which of the two 01:30s on a fall-back night (New York, 7 November 2021), in the session language', () => {
    expect(review(answers('01:30', NEW_YORK, '2021-11-07'), 'es')).toEqual({
      step: 'birth_time',
      result: {
        kind: 'clarify',
        question: { key: 'birth-chart:time.ambiguous', vars: { time: '01:30', place: 'New York City', from: '02:00', to: '01:00' } },
        options: [
          { label: '01:30 horario de verano (UTC-04:00)', value: '01:30-04:00' },
          { label: '01:30 horario de invierno (UTC-05:00)', value: '01:30-05:00' },
        ],
      },
    });
  });

  it('sends back to the place step a place that was never resolved', () => {
    expect(review(answers('07:30', { name: 'Atlantis' }))).toEqual({
      step: 'birth_place',
      result: { kind: 'rejected', reason: { key: 'birth-chart:review.birth_place' } },
    });
    expect(review(answers('07:30', { ...MADRID, tz: 'Nowhere/Atlantis' }))?.step).toBe('birth_place');
  });
});

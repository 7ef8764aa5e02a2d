import { z } from 'zod';
import type { AnswerValue } from '../../conversation/parsers/parser-types.js';

/** The birth time as answered: a local clock time, optionally with the UTC offset the person picked. */
export type BirthTime =
  | { kind: 'unknown' }
  | { kind: 'local'; time: string }
  /** "01:30+02:00": the person chose which of two clock readings (fall-back night) they meant. */
  | { kind: 'offset'; time: string; offsetSeconds: number };

export interface BirthPlace {
  name: string;
  country: string;
  country_name?: string;
  region?: string;
  lat: number;
  lon: number;
  tz: string;
  /** The place's name as the person wrote it ("München"), where it differs from `name` ("Munich"). */
  said_name?: string;
}

export interface BirthAnswers {
  name: string;
  date: string;
  time: BirthTime;
  place: BirthPlace;
}

const placeSchema = z.object({
  name: z.string().min(1),
  country: z.string(),
  country_name: z.string().optional(),
  region: z.string().optional(),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  tz: z.string().min(1),
  said_name: z.string().min(1).optional(),
});

const answersSchema = z.object({
  name: z.string().trim().min(1),
  birth_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/u),
  birth_time: z.string().optional(),
  birth_place: placeSchema,
});

const TIME = /^(\d{1,2}):(\d{2})(?:([+-])(\d{2}):(\d{2})(?::(\d{2}))?)?$/u;

/** Reads "unknown", "HH:MM" or "HH:MM+hh:mm[:ss]"; null when it is none of these. */
export function parseBirthTime(value: string | undefined): BirthTime | null {
  if (value === undefined || value === 'unknown') return { kind: 'unknown' };
  const match = TIME.exec(value.trim());
  if (!match) return null;
  const [, h = '0', m = '0', sign, oh = '0', om = '0', os = '0'] = match;
  if (Number(h) > 23 || Number(m) > 59) return null;
  const time = `${h.padStart(2, '0')}:${m}`;
  if (!sign) return { kind: 'local', time };
  const offsetSeconds = (sign === '-' ? -1 : 1) * (Number(oh) * 3600 + Number(om) * 60 + Number(os));
  return { kind: 'offset', time, offsetSeconds };
}

export type BirthAnswersResult =
  | { ok: true; answers: BirthAnswers }
  | { ok: false; step: 'name' | 'birth_date' | 'birth_time' | 'birth_place' };

/**
 * Each answers object's reading, kept while the object lives: the turn that collects the last answer reviews the
 * answers and then makes the chart from the same object (settle-turn.ts, profile-outcome.ts), and both read them.
 * An answers object is never changed once made (the flow machine makes a new one for each answer; the session cache
 * freezes them) and the reading is a pure function of it, so a kept reading is the one a second would give.
 */
const readings = new WeakMap<object, BirthAnswersResult>();

/** Checks the collected answers of the instant flow; on failure, names the first step to ask again. */
export function readBirthAnswers(raw: Readonly<Record<string, AnswerValue>>): BirthAnswersResult {
  let reading = readings.get(raw);
  if (!reading) readings.set(raw, (reading = readAnswers(raw)));
  return reading;
}

function readAnswers(raw: Readonly<Record<string, AnswerValue>>): BirthAnswersResult {
  const parsed = answersSchema.safeParse(raw);
  if (!parsed.success) {
    const step = parsed.error.issues[0]?.path[0];
    return { ok: false, step: step === 'name' || step === 'birth_date' || step === 'birth_time' ? step : 'birth_place' };
  }
  const time = parseBirthTime(parsed.data.birth_time);
  if (!time) return { ok: false, step: 'birth_time' };
  const { name, birth_date: date, birth_place: place } = parsed.data;
  return { ok: true, answers: { name, date, time, place } };
}

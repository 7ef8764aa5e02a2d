import { afterAll, describe, expect, it } from 'vitest';
import { judge, LANGUAGES, loadCases, measure, table, type Case, type Tally } from './measure.js';

/**
 * Targets of issue 19 on the corpus in the style of public test suites, per language: wrong value accepted at
 * most 0.5% for dates and times, full dates at least 92% right, clock times at least 85% right (asking back an
 * honestly ambiguous hour is right), relative and partial dates never accepted, an email never accepted as
 * another address than the one expected.
 */

const all: Tally[] = [];

afterAll(() => {
  console.log('Public-style parser corpus (npm run corpus):');
  console.table(table(all));
});

const rate = (n: number, total: number) => (total === 0 ? 0 : n / total);

describe('the judge of a case', () => {
  const item = (expect: Case['expect']): Case => ({ kind: 'clock_time', text: 'x', expect });
  it('calls an accepted value other than the expected one wrong, and asking back right only where expected', () => {
    expect(judge(item('07:30'), { kind: 'accepted', value: '19:30' })).toEqual({ outcome: 'wrong', right: false });
    expect(judge(item('rejected'), { kind: 'accepted', value: '07:30' })).toEqual({ outcome: 'wrong', right: false });
    expect(judge(item('07:30'), { kind: 'accepted', value: '07:30' })).toEqual({ outcome: 'right', right: true });
    const ask = { kind: 'clarify' as const, question: { key: 'k' }, options: [{ label: '7', value: '07:00' }, { label: '19', value: '19:00' }] };
    expect(judge(item('07:00'), ask)).toEqual({ outcome: 'asked', right: false });
    expect(judge(item({ clarify: ['07:00', '19:00'] }), ask)).toEqual({ outcome: 'asked', right: true });
    expect(judge(item('07:00'), { kind: 'rejected', reason: { key: 'k' } })).toEqual({ outcome: 'rejected', right: false });
  });
});

describe.each(LANGUAGES)('public-style corpus: %s', (language) => {
  const tallies = measure(language);
  all.push(...tallies);
  const of = (kind: Tally['kind']) => tallies.find((t) => t.kind === kind);

  it('names a kind of public source for every kind of case it holds', () => {
    const { sources, cases } = loadCases(language);
    expect([...new Set(cases.map((c) => c.kind))].filter((kind) => !sources[kind])).toEqual([]);
  });

  it('full dates: at least 92% right, at most 0.5% wrong', () => {
    const t = of('full_date');
    expect(t?.total).toBeGreaterThanOrEqual(20);
    expect({ right: rate(t?.right ?? 0, t?.total ?? 0) >= 0.92, wrong: rate(t?.wrong ?? 0, t?.total ?? 0) <= 0.005, misses: t?.misses })
      .toMatchObject({ right: true, wrong: true });
  });

  it('clock times: at least 85% right, at most 0.5% wrong', () => {
    const t = of('clock_time');
    expect(t?.total).toBeGreaterThanOrEqual(15);
    expect({ right: rate(t?.right ?? 0, t?.total ?? 0) >= 0.85, wrong: rate(t?.wrong ?? 0, t?.total ?? 0) <= 0.005, misses: t?.misses })
      .toMatchObject({ right: true, wrong: true });
  });

  it('relative and partial dates: never accepted', () => {
    expect([...(of('relative_date')?.misses ?? []), ...(of('partial_date')?.misses ?? [])].filter((m) => m.includes('got accepted'))).toEqual([]);
    expect((of('relative_date')?.wrong ?? 0) + (of('partial_date')?.wrong ?? 0)).toBe(0);
  });

  it('emails: never accepted as another address', () => {
    expect((of('email_valid')?.wrong ?? 0) + (of('email_invalid')?.wrong ?? 0)).toBe(0);
  });
});

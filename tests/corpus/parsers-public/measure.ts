import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { answerParsers } from '../../../src/conversation/parsers/index.js';
import type { InputType } from '../../../src/flows/flow-schema.js';
import type { ParseResult } from '../../../src/conversation/parsers/parser-types.js';

/**
 * The second parser corpus (issue 19): cases written in the style of other projects' public test suites,
 * each file naming the kinds of sources it follows. Unlike tests/corpus/parsers it is not a list of
 * passing answers but a measurement: every case is put in one of right / wrong value accepted / asked
 * back / rejected, per language and kind, and public-corpus.test.ts holds the targets.
 * Run `npm run corpus` (tsx tests/corpus/parsers-public/measure.ts) for the table.
 */

export const LANGUAGES = ['en', 'es', 'fr', 'de', 'pt', 'hi'] as const;
export const KINDS = ['full_date', 'relative_date', 'partial_date', 'clock_time', 'email_valid', 'email_invalid'] as const;
export type Kind = (typeof KINDS)[number];

const NOW = new Date('2025-06-15T12:00:00Z');
const here = dirname(fileURLToPath(import.meta.url));

const expectation = z.union([z.string(), z.strictObject({ clarify: z.array(z.string()).min(1) })]);
const caseSchema = z.strictObject({ kind: z.enum(KINDS), text: z.string(), expect: expectation, why: z.string().optional() });
const fileSchema = z.strictObject({
  sources: z.partialRecord(z.enum(KINDS), z.string().min(10)),
  cases: z.array(caseSchema).min(1),
});
export type Case = z.infer<typeof caseSchema>;

const typeOf: Record<Kind, InputType> = {
  full_date: 'date', relative_date: 'date', partial_date: 'date', clock_time: 'time', email_valid: 'email', email_invalid: 'email',
};

export type Outcome = 'right' | 'wrong' | 'asked' | 'rejected';

export function loadCases(language: string): { sources: Partial<Record<Kind, string>>; cases: Case[] } {
  return fileSchema.parse(parse(readFileSync(join(here, `${language}.yaml`), 'utf8')));
}

export function run(language: string, item: Case): ParseResult {
  const type = typeOf[item.kind];
  const validation = type === 'date' ? { past: true, min: '1900-01-01' } : type === 'time' ? { allow_unknown: true } : {};
  return answerParsers[type](item.text, { language, now: NOW, validation });
}

/**
 * What happened, judged against the expectation. "wrong" is a value stored that the person did not mean:
 * an accepted value other than the expected one, or any value where none (or a question) was expected.
 */
export function judge(item: Case, result: ParseResult): { outcome: Outcome; right: boolean } {
  const want = item.expect;
  if (result.kind === 'accepted') {
    const right = typeof want === 'string' && want !== 'rejected' && result.value === want;
    return { outcome: right ? 'right' : 'wrong', right };
  }
  if (result.kind === 'rejected') return { outcome: 'rejected', right: want === 'rejected' };
  const values = result.options.map((o) => String(o.value));
  const right = typeof want === 'object' && JSON.stringify(values) === JSON.stringify(want.clarify);
  return { outcome: 'asked', right };
}

export interface Tally {
  language: string;
  kind: Kind;
  total: number;
  right: number;
  wrong: number;
  asked: number;
  rejected: number;
  misses: string[];
}

export function measure(language: string): Tally[] {
  const { cases } = loadCases(language);
  return KINDS.map((kind) => {
    const tally: Tally = { language, kind, total: 0, right: 0, wrong: 0, asked: 0, rejected: 0, misses: [] };
    for (const item of cases.filter((c) => c.kind === kind)) {
      const result = run(language, item);
      const { outcome, right } = judge(item, result);
      tally.total += 1;
      if (right) tally.right += 1;
      if (outcome === 'wrong') tally.wrong += 1;
      if (outcome === 'asked') tally.asked += 1;
      if (outcome === 'rejected') tally.rejected += 1;
      if (!right) {
        const got = result.kind === 'accepted' ? result.value : result.kind === 'clarify' ? result.options.map((o) => o.value) : result.reason.key;
        tally.misses.push(`${kind} "${item.text}": want ${JSON.stringify(item.expect)}, got ${result.kind} ${JSON.stringify(got)}`);
      }
    }
    return tally;
  }).filter((t) => t.total > 0);
}

const percent = (n: number, total: number) => (total === 0 ? '-' : `${((100 * n) / total).toFixed(1)}%`);

export function table(tallies: Tally[]): Array<Record<string, string | number>> {
  return tallies.map((t) => ({
    language: t.language, kind: t.kind, cases: t.total, right: t.right, 'right %': percent(t.right, t.total),
    'wrong value accepted': t.wrong, 'wrong %': percent(t.wrong, t.total), 'asked back': t.asked, rejected: t.rejected,
  }));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const all = (only.length > 0 ? only : LANGUAGES).flatMap((language) => measure(language));
  console.table(table(all));
  if (process.argv.includes('--misses')) for (const t of all) for (const miss of t.misses) console.log(`[${t.language}] ${miss}`);
}

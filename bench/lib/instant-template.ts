import type postgres from 'postgres';
import type { Channel } from '../../src/store/session-store.js';
import type { PathTemplate } from './path-template.js';
import { insertSessions, reseed, type SeedTarget } from './seed.js';
import { ANSWERS, type SessionTemplates } from './session-templates.js';

/** Which of the instant flow's turns a path takes: the whole conversation, or only its last answer. */
export type InstantTurns = 'every-step' | 'last-step';

/**
 * A path on the instant flow, from the rows the in-process template conversation left (session-templates.ts).
 * `every-step`: sessions spread over the four steps, pgbench with the mid-flow answer's commit (commit-turn.sql,
 * shared by every channel of it). `last-step`: every session waits at the last step, so every turn is the one
 * that makes the profile; pgbench with that turn's commit (commit-turn.sql with the last answer's payload).
 */
export function instantTemplate(templates: SessionTemplates, channel: Channel, botNumber: string, turns: InstantTurns): PathTemplate {
  const rows: SessionTemplates = turns === 'every-step' ? templates : { ...templates, steps: templates.steps.slice(-1) };
  const target: SeedTarget = { channel, botNumber };
  const last = templates.steps.at(-1)?.step ?? '';
  const lastPayload = templates.commitPayloads[last];
  if (!lastPayload) throw new Error(`no commit captured for the last step "${last}"`);
  return {
    turns: rows.steps.map((s) => ({ label: s.step, step: s.step, answer: ANSWERS[s.step] ?? '' })),
    after: 'completed',
    pgbench:
      turns === 'every-step'
        ? {
            key: 'instant-mid-flow',
            script: 'bench/pgbench/commit-turn.sql',
            variables: { payload: JSON.stringify(templates.commitPayload) },
            loadAndCommitScript: 'bench/pgbench/load-and-commit.sql',
          }
        : { key: 'instant-last-turn', script: 'bench/pgbench/commit-turn.sql', variables: { payload: JSON.stringify(lastPayload) } },
    reseed: (sql, first, last) => reseed(sql, rows, target, first, last),
    refill: (sql, first, last) => insertSessions(sql, rows, target, first, last, true),
    ...(turns === 'last-step'
      ? {
          countRows: instantProfiles,
          note:
            "last-turn: the web route with every session waiting at the instant flow's last step, so every measured turn makes the profile (the chart) and completes " +
            "its session, which is then replaced by a stored one at the last step; pgbench: commit-turn.sql with that turn's commit (captured in process).",
        }
      : {}),
  };
}

/** Profiles stored and sessions completed: one of each per last turn. */
async function instantProfiles(sql: postgres.Sql): Promise<Record<string, number>> {
  const [row] = await sql<Array<{ profiles: number; completed: number }>>`
    select (select count(*)::int from public.instant_onboarding_profiles) as profiles,
           (select count(*)::int from public.instant_onboarding_sessions where status = 'completed') as completed`;
  return { instant_onboarding_profiles: row?.profiles ?? 0, completed_sessions: row?.completed ?? 0 };
}

import { describe, expect, it } from 'vitest';
import { loggedCommits } from '../../bench/lib/commit-capture.js';

/** The benchmark reads a recorded turn's commit from the server's statement log (log_statement = all). */
describe('the commits read from a statement log', () => {
  const at = '2026-12-05 03:20:01.123 UTC [4242]';

  it('takes each onboarding_commit_turn call\'s parameter, unquoting doubled quotes, and nothing else', () => {
    const payload = { session_id: 's1', reply: { message: "What's your name?" }, writes: [{ kind: 'user_onboarding' }] };
    const log = [
      `${at} LOG:  execute s3: select public.onboarding_user_status($1, $2) as status`,
      `${at} DETAIL:  parameters: $1 = 'u1', $2 = 'user-profile'`,
      `${at} LOG:  execute s7: select public.onboarding_commit_turn($1::text::jsonb) as result`,
      `${at} DETAIL:  parameters: $1 = '${JSON.stringify(payload).replaceAll("'", "''")}'`,
      `${at} LOG:  statement: select 1`,
    ].join('\n');
    expect(loggedCommits(log)).toEqual([payload]);
  });

  it('refuses a logged commit whose parameter is missing, rather than miss a turn', () => {
    expect(() => loggedCommits(`${at} LOG:  execute s7: select public.onboarding_commit_turn($1::text::jsonb) as result\n`)).toThrow(/without its parameter/);
  });
});

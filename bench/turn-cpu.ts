/**
 * Where a turn's CPU goes inside the service, without HTTP or a database: whole conversations of a flow run
 * through the real SessionService (flows, parsers, i18n, generators) over an in-memory store behind the session
 * cache (as the service runs), and the process's CPU time per turn is read around them, with the service's own
 * stage timers (TURN_TIMINGS) per stage.
 * Prints figures; asserts nothing. The HTTP and database side of a turn is in `npm run bench`.
 *
 *   npm run bench:cpu                     # every flow the benchmark knows, 2,000 conversations each
 *   BENCH_CPU_CONVERSATIONS=500 npm run bench:cpu
 *   node --cpu-prof --import tsx bench/turn-cpu.ts    # a profile of the turn pipeline alone
 */
import { withSessionCache } from '../src/store/cached-session-store.js';
import { memorySessionStore } from './lib/memory-session-store.js';
import { sessionServiceOn } from '../tests/support/session-service.js';

/** Different people: the date, time and place vary with the conversation, so nothing remembered by value helps. */
const PLACES = ['Madrid', 'Tokyo', 'Lisbon', 'Berlin', 'Buenos Aires', 'Nairobi', 'Toronto', 'Sydney'];
function answerFor(step: string, n: number): string | undefined {
  const pad = (v: number) => String(v).padStart(2, '0');
  const answers: Record<string, string> = {
    name: ['Maria', 'John', 'Aiko', 'Pedro'][n % 4] as string,
    birth_date: `${1 + (n % 28)} ${['March', 'July', 'November'][n % 3]} ${1940 + (n % 70)}`,
    birth_time: `${pad(n % 24)}:${pad((n * 7) % 60)}`,
    birth_place: PLACES[n % PLACES.length] as string,
  };
  return answers[step];
}

const CONVERSATIONS = Number(process.env.BENCH_CPU_CONVERSATIONS ?? 2000);
const WARMUP = Math.max(50, Math.round(CONVERSATIONS / 5));

interface StageLine {
  stages?: Record<string, number>;
}

async function main(): Promise<void> {
  const stageTotals = new Map<string, number>();
  let timedTurns = 0;
  const logger = {
    info: (fields: unknown) => {
      const stages = (fields as StageLine).stages;
      if (!stages) return;
      timedTurns += 1;
      for (const [stage, ms] of Object.entries(stages)) stageTotals.set(stage, (stageTotals.get(stage) ?? 0) + ms);
    },
    warn: () => {},
    error: () => {},
  };
  // Behind the session cache, as the service runs (SESSION_CACHE_SIZE): a turn continues the row it last wrote.
  const store = withSessionCache(memorySessionStore(), 10_000);
  const service = sessionServiceOn(store, { logger });
  (service as unknown as { options: { timeTurns: boolean } }).options.timeTurns = true;

  const converse = async (n: number): Promise<number> => {
    const started = await service.start({ language: 'en', channel: 'web' });
    let reply = started.reply;
    let turns = 0;
    const sessionId = reply.session_id;
    while (reply.status === 'collecting_data' && reply.next_step) {
      const answer = answerFor(reply.next_step, n);
      if (answer === undefined) throw new Error(`no answer for step ${reply.next_step}`);
      reply = await service.reply({ sessionId, key: started.sessionKey, text: answer, messageKey: `web:${sessionId}:m${n}:${turns}` });
      turns += 1;
    }
    if (reply.status !== 'completed') throw new Error(`conversation ended in ${reply.status}`);
    return turns;
  };

  for (let n = 0; n < WARMUP; n++) await converse(n);
  stageTotals.clear();
  timedTurns = 0;
  const cpu = process.cpuUsage();
  const wall = performance.now();
  let turns = 0;
  for (let n = 0; n < CONVERSATIONS; n++) turns += await converse(WARMUP + n);
  const used = process.cpuUsage(cpu);
  const ms = (used.user + used.system) / 1000;
  console.log(`instant-birth-chart (web): ${CONVERSATIONS} conversations, ${turns} reply turns (starts excluded from the stages, included in CPU)`);
  console.log(`  CPU ${(ms / turns).toFixed(3)} ms per reply turn (wall ${((performance.now() - wall) / turns).toFixed(3)} ms)`);
  const stages = [...stageTotals].map(([stage, total]) => `${stage} ${((total / timedTurns) * 1000).toFixed(0)} µs`).join(', ');
  console.log(`  stages per turn (mean wall): ${stages}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

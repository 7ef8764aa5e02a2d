/**
 * Hands out session numbers, each once per run: a reseed or a refill takes numbers no earlier seed used, so a
 * service that remembers the rows it wrote never meets a stored row under an id it already knows (ids are never
 * reused in a live system either). Numbers stop below 10,000,000: a practitioner's phone holds n in 7 digits (seed.ts).
 */
export class SessionNumbers {
  private next = 1;

  /** The first of `count` numbers not handed out before. */
  take(count: number): number {
    const first = this.next;
    if (first + count > 10_000_000) throw new Error(`session numbers run out: ${count} more after ${first - 1}`);
    this.next += count;
    return first;
  }
}

/** A session the load generator is driving: its number and the index of the step it waits at. */
export interface PooledSession {
  n: number;
  step: number;
}

/** Sessions stored per refill. */
const REFILL = 5000;

/**
 * The load generator's bookkeeping. A fixed number of sessions are "in play" at a time, in a FIFO, so no two
 * requests for one session are ever in flight; each answered session goes back with its step advanced, and a
 * completed one is replaced by a stored session not used yet (drawn in random order). Sessions drawn from the
 * seed wait at step n % steps. When the unused ones run low, `refill` stores more at the first step (as new
 * visitors would), under numbers taken from `numbers`, without blocking the load.
 */
export class SessionPool {
  private readonly ready: PooledSession[] = [];
  private head = 0;
  private readonly unused: number[] = [];
  private refilling = false;
  /** A failed refill ends the run at the next draw: its rows are missing, so figures after it would be wrong. */
  private refillError: unknown = null;
  completed = 0;
  refilled = 0;

  constructor(
    /** The seeded sessions' numbers: first..last. */
    seeded: { first: number; last: number },
    private readonly steps: number,
    inPlay: number,
    private readonly numbers: SessionNumbers,
    private readonly refill: (first: number, last: number) => Promise<void>,
  ) {
    const order = Array.from({ length: seeded.last - seeded.first + 1 }, (_, i) => seeded.first + i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    this.unused = order.map((n) => -n); // negative: from the spread seed, step n % steps
    for (let i = 0; i < inPlay; i++) this.drawNew();
  }

  /** The next session to answer; throws if every one is in flight (inPlay too small for the connections). */
  take(): PooledSession {
    const session = this.ready[this.head];
    if (!session) throw new Error('session pool is empty: raise inPlay above the connection count');
    this.ready[this.head++] = undefined as unknown as PooledSession;
    if (this.head > 4096 && this.head * 2 > this.ready.length) {
      this.ready.splice(0, this.head);
      this.head = 0;
    }
    return session;
  }

  /** Back in play with its step advanced, or replaced when it completed or failed. */
  answered(session: PooledSession, outcome: 'next' | 'completed' | 'failed'): void {
    if (outcome === 'next') {
      this.ready.push({ n: session.n, step: session.step + 1 });
      return;
    }
    if (outcome === 'completed') this.completed++;
    this.drawNew();
  }

  private drawNew(): void {
    if (this.refillError !== null) throw new Error(`seeding more sessions failed: ${String(this.refillError)}`);
    const drawn = this.unused.pop();
    if (drawn === undefined) throw new Error('no unused sessions left; the refill could not keep up');
    this.ready.push(drawn < 0 ? { n: -drawn, step: -drawn % this.steps } : { n: drawn, step: 0 });
    if (this.unused.length < 2000 && !this.refilling) this.startRefill();
  }

  private startRefill(): void {
    const first = this.numbers.take(REFILL);
    const last = first + REFILL - 1;
    this.refilling = true;
    this.refill(first, last).then(
      () => {
        // In front: pop() draws from the end, so the seeded sessions are used first.
        this.unused.splice(0, 0, ...Array.from({ length: last - first + 1 }, (_, i) => first + i));
        this.refilled += last - first + 1;
        this.refilling = false;
      },
      (error: unknown) => {
        this.refilling = false;
        this.refillError = error;
      },
    );
  }
}

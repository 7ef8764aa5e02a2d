import type { ServiceDeps } from '../sessions/service-deps.js';

/** How long the measured median time per step is reused before it is read again. */
const TTL_MS = 10 * 60_000;

/**
 * The analytics' median seconds per step of a flow (for the time left), read at most every 10 minutes per
 * process: the query runs over the event log, too heavy for every status request.
 */
export class StepMedians {
  private readonly cache = new Map<string, { at: number; seconds: ReadonlyMap<string, number> }>();

  constructor(private readonly deps: Pick<ServiceDeps, 'store' | 'clock' | 'logger'>) {}

  async of(flowId: string): Promise<ReadonlyMap<string, number>> {
    const cached = this.cache.get(flowId);
    const now = this.deps.clock().getTime();
    if (cached && now - cached.at < TTL_MS) return cached.seconds;
    const seconds = await this.deps.store.stepMedianSeconds(flowId).then(
      (read) => new Map(Object.entries(read)),
      (error: unknown) => {
        // The estimate is a courtesy: without the analytics it falls back to the default per question.
        this.deps.logger.warn({ flow: flowId, err: error }, 'step medians unavailable');
        return cached?.seconds ?? new Map<string, number>();
      },
    );
    this.cache.set(flowId, { at: now, seconds });
    return seconds;
  }
}

import { parsePersisted } from '../conversation/conversation.js';
import { makeProfile } from './profile-outcome.js';
import type { ServiceDeps } from './service-deps.js';
import { statusOf, type TurnReply } from './session-views.js';
import { turnEvents } from './turn-events.js';

/** The turn that asked for the profile: its reply is completed with the profile once it is ready. */
export interface ProfileTrigger {
  messageKey: string | null;
  reply: TurnReply;
  /** Set by generateWithin: whether the reply already went without the profile (late), or must wait for its commit (sealed). */
  delivery?: { late: boolean; sealed: boolean };
}

/**
 * Runs profile generation for sessions in `generating_chart`, after the answer that finished the flow was
 * committed. Generators are idempotent and the profile is upserted, so running one twice (a crash, a second
 * instance, recovery at boot) repeats nothing visible; the session's version check lets one commit win.
 */
export class ProfileRunner {
  private readonly inFlight = new Map<string, Promise<TurnReply | null>>();

  constructor(private readonly deps: ServiceDeps) {}

  /** Generates and waits up to `waitMs`; after that, answers with the trigger's reply and finishes in the background. */
  async generateWithin(sessionId: string, trigger: ProfileTrigger, waitMs: number): Promise<TurnReply> {
    // 0 means "never wait". Otherwise the deadline and the profile's commit cannot both win: once the commit is
    // under way (sealed) the reply waits for it, so a profile is either in the reply or in the outbox, never neither.
    const delivery = { late: waitMs === 0, sealed: false };
    const running = this.run(sessionId, { ...trigger, delivery });
    if (delivery.late) {
      running.catch((error: unknown) => this.deps.logger.error({ session: sessionId, err: error }, 'profile generation failed'));
      return trigger.reply;
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => {
        if (delivery.sealed) return;
        delivery.late = true;
        resolve(null);
      }, waitMs);
    });
    try {
      return (await Promise.race([running, timeout])) ?? trigger.reply;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Generation for one session, shared by concurrent callers in this process. */
  run(sessionId: string, trigger?: ProfileTrigger): Promise<TurnReply | null> {
    let running = this.inFlight.get(sessionId);
    if (!running) {
      running = this.generate(sessionId, trigger).finally(() => this.inFlight.delete(sessionId));
      this.inFlight.set(sessionId, running);
    }
    return running;
  }

  /** Finishes sessions a crash left in generating_chart. */
  async recover(): Promise<number> {
    const ids = await this.deps.store.listGenerating(1000);
    for (const id of ids) await this.run(id);
    return ids.length;
  }

  /** Waits for every generation under way (graceful shutdown). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.inFlight.values()]);
  }

  private async generate(sessionId: string, trigger?: ProfileTrigger): Promise<TurnReply | null> {
    for (let attempt = 1; attempt <= 8; attempt++) {
      const loaded = await this.deps.store.load(sessionId);
      if (!loaded || loaded.session.status !== 'generating_chart') return null;
      const { session } = loaded;
      const runtime = this.deps.flows.get(session.flowId);
      if (!runtime) {
        this.deps.logger.error({ session: session.id, flow: session.flowId }, 'no flow for session');
        return null;
      }
      const { profile, event, step, messages, reply } = await makeProfile(this.deps, runtime, {
        id: session.id,
        flowId: session.flowId,
        language: session.language,
        answers: session.collectedData,
        persisted: parsePersisted(session.snapshot),
      });
      const combined: TurnReply = trigger ? { ...reply, messages: [...trigger.reply.messages, ...messages] } : reply;
      if (trigger?.delivery && !trigger.delivery.late) trigger.delivery.sealed = true;
      // Nobody heard the profile yet (the reply went without it, or there was no reply: recovery): the channel
      // may send it. Then the stored reply stays what was answered, so a redelivered message repeats that answer.
      const heardNothing = !trigger || trigger.delivery?.late === true;
      const kind = profile ? 'profile_ready' : 'profile_failed';
      const outbox = heardNothing ? (this.deps.outbound?.rowsFor(session, kind, messages) ?? []) : [];
      const outcome = await this.deps.store.commit({
        sessionId: session.id,
        expectedVersion: session.version,
        session: {
          status: statusOf(step.state.phase),
          currentStep: null,
          collectedData: step.state.context.answers,
          snapshot: step.persisted,
        },
        events: turnEvents({ channel: session.channel, event, outputs: step.outputs, messages, statusBefore: session.status, statusAfter: reply.status }),
        ...(profile ? { profile: { kind: profile.kind, data: profile } } : {}),
        ...(trigger?.messageKey && outbox.length === 0 ? { replaceReply: { messageKey: trigger.messageKey, reply: combined } } : {}),
        ...(outbox.length > 0 ? { outbox } : {}),
      });
      if (outcome.outcome === 'conflict') continue;
      if (outbox.length > 0) this.deps.outbound?.written();
      this.deps.logger.info({ session: session.id, flow: session.flowId, outcome: profile ? 'profile_ready' : 'profile_failed' }, 'profile');
      return combined;
    }
    return null;
  }
}

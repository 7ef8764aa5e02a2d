import type { ApiClient, ContinueOptions, SessionCredentials } from './api-client.js';
import { ApiError } from './api-error.js';
import type { ApiErrorKind } from './api-error.js';
import type { Profile, Progress, SessionStatus, TurnResponse } from './api-types.js';
import { newMessageId } from './message-id.js';
import type { SessionStore } from './session-store.js';
import { normalizeChoices } from './transcript.js';
import type { TranscriptEntry } from './transcript.js';

/** What the failure banner shows: `retry` offers the same request again, `restart` a new session. */
export interface ChatError {
  kind: ApiErrorKind | 'failed';
  action: 'retry' | 'restart' | 'none';
}

/** Everything the view needs; replaced (never mutated) on each change. */
export interface ChatState {
  started: boolean;
  busy: boolean;
  entries: TranscriptEntry[];
  status: SessionStatus | null;
  progress: Progress | null;
  profile: Profile | null;
  error: ChatError | null;
}

const initialState: ChatState = {
  started: false,
  busy: false,
  entries: [],
  status: null,
  progress: null,
  profile: null,
  error: null,
};

const POLL_MS = 1000;
const POLL_LIMIT = 90;

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs the conversation: start or resume, replies with idempotent retries, and start over. */
export class ChatController {
  private state: ChatState = initialState;
  private readonly listeners = new Set<(state: ChatState) => void>();
  private session: SessionCredentials | null = null;
  private retryAction: (() => Promise<void>) | null = null;
  // Bumped on start over so answers to a discarded session are ignored.
  private generation = 0;

  constructor(
    private readonly api: ApiClient,
    private readonly store: SessionStore,
    private readonly language: string,
    private readonly onComplete: (sessionId: string, profile: Profile | null) => void = () => {},
  ) {}

  getState(): ChatState {
    return this.state;
  }

  subscribe(listener: (state: ChatState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts or resumes the session the first time the panel opens; later calls do nothing. */
  open(): Promise<void> {
    if (this.state.started) return Promise.resolve();
    this.update({ started: true });
    const stored = this.store.load();
    return stored ? this.attempt(() => this.resume(stored.id, stored.key, stored.transcript)) : this.attempt(() => this.begin());
  }

  /**
   * Sends one answer; the message id stays the same across retries so the service counts it once.
   * `shown` is what the transcript says when it differs from what is sent (a choice's label vs its value).
   */
  send(text: string, shown?: string): Promise<void> {
    const trimmed = text.trim();
    if (!trimmed || this.state.busy || this.blocked() || !this.session) return Promise.resolve();
    this.update({ entries: [...this.state.entries, { from: 'user', text: shown ?? trimmed }] });
    this.persist();
    const messageId = newMessageId();
    const session = this.session;
    return this.attempt(async () => this.apply(await this.api.reply(session, trimmed, messageId)));
  }

  /** The code and links to go on with this session on a phone; null where the API has none (signed-in mode). */
  async continueElsewhere(): Promise<ContinueOptions | null> {
    const fetchOptions = this.api.continueOptions;
    if (!fetchOptions || !this.session) return null;
    return fetchOptions(this.session);
  }

  /** Whether this widget can send photos (signed-in mode). */
  canSendPhotos(): boolean {
    return typeof this.api.uploadPhoto === 'function';
  }

  /** Sends a photo as the answer to the photo question of `step`; the transcript says its file name. */
  sendPhoto(step: string, file: Blob, name: string): Promise<void> {
    const upload = this.api.uploadPhoto;
    if (!upload || this.state.busy || this.blocked() || !this.session) return Promise.resolve();
    this.update({ entries: [...this.state.entries, { from: 'user', text: `📷 ${name}` }] });
    this.persist();
    return this.attempt(async () => this.apply(await upload(step, file)));
  }

  /** An error that needs an action (retry, start over) first; a refused message (400) does not block. */
  blocked(): boolean {
    return Boolean(this.state.error && this.state.error.action !== 'none');
  }

  /** Repeats the request that failed. */
  retry(): Promise<void> {
    const action = this.retryAction;
    if (!action || this.state.busy) return Promise.resolve();
    return this.attempt(action);
  }

  /** Forgets the stored session and begins a new one. */
  startOver(): Promise<void> {
    this.generation += 1;
    this.store.clear();
    this.session = null;
    this.retryAction = null;
    this.state = { ...initialState, started: true };
    this.emit();
    return this.attempt(() => this.begin());
  }

  private async begin(): Promise<void> {
    const response = await this.api.start(this.language);
    if (!response.session_id || !response.session_key) {
      throw new ApiError('server', 200, 'bad_response', 'The service did not return a session');
    }
    this.session = { id: response.session_id, key: response.session_key };
    this.apply(response);
  }

  private async resume(id: string, key: string, transcript: TranscriptEntry[]): Promise<void> {
    this.session = { id, key };
    this.update({ entries: transcript });
    try {
      const response = await this.api.get(this.session);
      // The session view repeats the question being asked: show it only when the transcript does not end with
      // it (nothing shown yet, or another front end, a signed-in user's form, moved the session on).
      const lastBot = [...transcript].reverse().find((entry) => entry.from === 'bot');
      const current = response.messages?.at(-1)?.text ?? response.message;
      const shown = !!lastBot && (!current || lastBot.text.endsWith(current));
      this.apply(shown ? { ...response, messages: [], message: undefined } : { ...response, messages: response.messages?.slice(-1) ?? [] });
    } catch (error) {
      if (error instanceof ApiError && error.kind === 'not_found') {
        // Expired or deleted on the server: start afresh instead of showing a dead conversation.
        this.store.clear();
        this.update({ entries: [] });
        await this.begin();
        return;
      }
      throw error;
    }
  }

  /** Runs a request with the busy flag, turning failures into the error state with a retry. */
  private async attempt(action: () => Promise<void>): Promise<void> {
    const generation = this.generation;
    this.retryAction = null;
    this.update({ busy: true, error: null });
    try {
      await action();
      if (generation !== this.generation) return;
      this.update({ busy: false });
      await this.waitForProfile(generation);
    } catch (error) {
      if (generation !== this.generation) return;
      await this.fail(error, action);
    }
  }

  private async fail(error: unknown, action: () => Promise<void>): Promise<void> {
    const apiError = error instanceof ApiError ? error : new ApiError('server', 0, 'client_error', String(error));
    if (apiError.kind === 'conflict' && this.session) {
      // The session finished elsewhere (another tab): show where it stands instead of an error.
      this.update({ busy: false });
      const session = this.session;
      return this.attempt(async () => this.apply(await this.api.get(session)));
    }
    if (apiError.retryable) this.retryAction = action;
    const chatError: ChatError = {
      kind: apiError.kind,
      action: apiError.retryable ? 'retry' : apiError.kind === 'not_found' ? 'restart' : 'none',
    };
    this.update({ busy: false, error: chatError });
  }

  /** Charts may take a moment: keep the typing indicator while the service generates. */
  private async waitForProfile(generation: number): Promise<void> {
    for (let i = 0; i < POLL_LIMIT && this.state.status === 'generating_chart' && this.session; i += 1) {
      this.update({ busy: true });
      await wait(POLL_MS);
      if (generation !== this.generation || !this.session) return;
      const response = await this.api.get(this.session).catch(() => null);
      if (generation !== this.generation) return;
      if (response) this.apply({ ...response, messages: [], message: undefined });
    }
    if (this.state.status === 'generating_chart') {
      // Still not done: let the person ask again rather than spin forever.
      this.retryAction = async () => {};
      this.update({ busy: false, error: { kind: 'server', action: 'retry' } });
      return;
    }
    this.update({ busy: false });
  }

  private apply(response: TurnResponse): void {
    const lines: TranscriptEntry[] = [];
    if (Array.isArray(response.messages) && response.messages.length) {
      for (const m of response.messages) {
        if (typeof m?.text !== 'string') continue;
        const choices = normalizeChoices(m.choices);
        const photoStep = typeof m.upload?.step === 'string' ? m.upload.step : undefined;
        lines.push({ from: 'bot', text: m.text, ...(choices ? { choices } : {}), ...(photoStep ? { photoStep } : {}) });
      }
    } else if (typeof response.message === 'string' && response.message) {
      lines.push({ from: 'bot', text: response.message });
    }
    const status = response.status ?? this.state.status;
    const profile = response.profile ?? this.state.profile;
    const wasComplete = this.state.status === 'completed';
    this.update({
      entries: lines.length ? [...this.state.entries, ...lines] : this.state.entries,
      status,
      progress: response.progress ?? this.state.progress,
      profile,
      error: status === 'failed' ? { kind: 'failed', action: 'restart' } : null,
    });
    this.persist();
    if (status === 'completed' && !wasComplete && this.session) this.onComplete(this.session.id, profile);
  }

  private persist(): void {
    if (!this.session) return;
    this.store.save({ ...this.session, language: this.language, transcript: this.state.entries });
  }

  private update(patch: Partial<ChatState>): void {
    this.state = { ...this.state, ...patch };
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener(this.state);
  }
}

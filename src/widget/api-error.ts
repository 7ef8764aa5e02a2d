/** Why a request failed, as far as the visitor needs to know. */
export type ApiErrorKind = 'offline' | 'network' | 'server' | 'not_found' | 'conflict' | 'invalid';

/** A failed API call: `kind` drives the widget's error state, `code` is the service's stable code. */
export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly status: number;
  readonly code: string;

  constructor(kind: ApiErrorKind, status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.kind = kind;
    this.status = status;
    this.code = code;
  }

  /** Worth trying the same request again (the service never saw it, or failed on its side). */
  get retryable(): boolean {
    return this.kind === 'offline' || this.kind === 'network' || this.kind === 'server';
  }
}

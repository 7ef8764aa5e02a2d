/** One field of a request that could not be used, and why (in the person's language where there is one). */
export interface ErrorDetail {
  field: string;
  reason: string;
}

/** An error with a stable machine-readable code; the HTTP edge maps it to a status once. */
export class AppError extends Error {
  readonly details: ErrorDetail[] | undefined;

  constructor(
    readonly code: string,
    message: string,
    readonly status = 500,
    options?: { cause?: unknown; details?: ErrorDetail[] },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.details = options?.details;
  }
}

/** The request is malformed or a field is invalid (400). */
export class BadRequestError extends AppError {
  constructor(code: string, message: string) {
    super(code, message, 400);
  }
}

/** Unknown session, or a key that does not open it: the two are never told apart (404). */
export class SessionNotFoundError extends AppError {
  constructor() {
    super('ONBOARDING_SESSION_NOT_FOUND', 'No session with this id and key.', 404);
  }
}

/** No valid access token (missing, expired, tampered, for another audience), or a flow that needs one (401). */
export class UnauthorizedError extends AppError {
  constructor(message = 'Sign in: send a valid access token as "Authorization: Bearer <token>".') {
    super('UNAUTHORIZED', message, 401);
  }
}

/** The session cannot take this request in its current state (409). */
export class SessionStateError extends AppError {
  constructor(code: 'SESSION_COMPLETED' | 'SESSION_FAILED' | 'SESSION_BUSY' | 'ONBOARDING_NOT_SKIPPABLE', message: string) {
    super(code, message, 409);
  }
}

/** A step answered, or the onboarding completed, before a required step it depends on (409). */
export class StepTransitionError extends AppError {
  constructor(message: string, details: ErrorDetail[]) {
    super('INVALID_STEP_TRANSITION', message, 409, { details });
  }
}

/** Answers a form sent that the parsers refused; nothing was stored (400). */
export class ValidationFailedError extends AppError {
  constructor(details: ErrorDetail[]) {
    super('CONFIGURATION_VALIDATION_FAILED', 'Some answers could not be used; nothing was stored.', 400, { details });
  }
}

/** The environment is invalid; the process refuses to start. */
export class ConfigError extends AppError {
  constructor(message: string) {
    super('INVALID_CONFIG', message, 500);
  }
}

/** A flow file is missing, unreadable or invalid; the process refuses to start. */
export class FlowFileError extends AppError {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super('INVALID_FLOW', `${file}: ${message}`, 500);
  }
}

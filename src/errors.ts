/** An error with a stable machine-readable code; the HTTP edge maps it to a status once. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 500,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
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

/** The session cannot take this request in its current state (409). */
export class SessionStateError extends AppError {
  constructor(code: 'SESSION_COMPLETED' | 'SESSION_FAILED' | 'SESSION_BUSY', message: string) {
    super(code, message, 409);
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

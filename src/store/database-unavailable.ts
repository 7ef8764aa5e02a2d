/** Node's and postgres.js's codes for a database that cannot be reached, and PostgreSQL's for one going away. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH',
  'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT',
  // admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections, connection_exception (08xxx)
  '57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08004', '08006',
]);

/**
 * Whether an error means the database is out of reach for now (down, restarting, refusing connections), as
 * opposed to a bug or a refused statement: such a request is answered 503 with Retry-After, and nothing of it
 * was committed (every turn commits in one statement).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type postgres from 'postgres';

const COMMIT_CALL = 'onboarding_commit_turn';
const PARAMETER = 'DETAIL:  parameters: $1 = ';

/**
 * The payloads of the onboarding_commit_turn calls in a stretch of server log (log_statement = all): each
 * prepared execution's line, then its parameter in a DETAIL line, quoted as SQL quotes a literal.
 */
export function loggedCommits(log: string): Array<Record<string, unknown>> {
  const lines = log.split('\n');
  const payloads: Array<Record<string, unknown>> = [];
  lines.forEach((line, i) => {
    if (!line.includes(' LOG:  execute') || !line.includes(COMMIT_CALL)) return;
    const detail = lines.slice(i + 1, i + 4).find((next) => next.includes(PARAMETER));
    if (!detail) throw new Error(`a logged commit without its parameter: ${line.slice(0, 200)}`);
    const quoted = detail.slice(detail.indexOf(PARAMETER) + PARAMETER.length).trim();
    if (!quoted.startsWith("'") || !quoted.endsWith("'")) throw new Error(`unexpected parameter format: ${quoted.slice(0, 200)}`);
    payloads.push(JSON.parse(quoted.slice(1, -1).replaceAll("''", "'")) as Record<string, unknown>);
  });
  return payloads;
}

/**
 * The commits a running service sends, read from the bench server's statement log: while open, the server logs
 * every statement with its parameters (log_statement = all, applied to the service's open connections by a
 * configuration reload), so a recorded turn's onboarding_commit_turn payload is the one the service itself sent.
 * The throwaway server writes its log to server.log next to its data directory (tests/support/throwaway-postgres.ts).
 */
export class CommitLog {
  private constructor(
    private readonly sql: postgres.Sql,
    private readonly file: string,
  ) {}

  static async open(sql: postgres.Sql): Promise<CommitLog> {
    const [row] = await sql<Array<{ dir: string }>>`select current_setting('data_directory') as dir`;
    if (!row) throw new Error('no data_directory');
    await sql.unsafe(`alter system set log_statement = 'all'`);
    await sql.unsafe('select pg_reload_conf()');
    // Each backend reloads before its next command; give the signal time to arrive.
    await new Promise((resolve) => setTimeout(resolve, 300));
    return new CommitLog(sql, join(dirname(row.dir), 'server.log'));
  }

  /** Where the log ends now: the commits after it are the next action's. */
  mark(): number {
    return statSync(this.file).size;
  }

  /** The payloads of the commits logged since `mark`, in order. */
  commitsSince(mark: number): Array<Record<string, unknown>> {
    return loggedCommits(this.read(mark));
  }

  async close(): Promise<void> {
    await this.sql.unsafe('alter system reset log_statement');
    await this.sql.unsafe('select pg_reload_conf()');
  }

  private read(from: number): string {
    const size = statSync(this.file).size;
    const buffer = Buffer.alloc(Math.max(0, size - from));
    const fd = openSync(this.file, 'r');
    try {
      readSync(fd, buffer, 0, buffer.length, from);
    } finally {
      closeSync(fd);
    }
    return buffer.toString('utf8');
  }
}

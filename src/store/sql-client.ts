/** Runs SQL; the one thing the store needs from a database driver. */
export interface SqlExecutor {
  /** One statement with $1.. parameters; rows come back with jsonb parsed and timestamps as Date. */
  query<Row>(text: string, params?: readonly unknown[]): Promise<Row[]>;
  /** A script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

/** A database connection (or pool) the store runs on. */
export interface SqlClient extends SqlExecutor {
  /** Runs fn in one transaction; a throw rolls it back. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** Says which database this is, for the boot log line (no password). */
  readonly description: string;
}

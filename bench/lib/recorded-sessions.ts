import type postgres from 'postgres';
import { chunks } from './seed.js';

/** The values that make a recorded session its own; each is replaced, wherever it appears in its rows, per seeded session. */
export interface SessionIdentity {
  sessionId: string;
  /** The stored SHA-256 of the session's key. */
  keyHash: string;
  userId?: string;
  phone?: string;
  practitionerId?: string;
}

/** Session g's own value, in SQL, as seed.ts derives it in TypeScript (sessionId, sessionKey, userId, practitionerPhone). */
const PER_SESSION: Record<keyof SessionIdentity, string> = {
  sessionId: "md5('s' || g)::uuid::text",
  keyHash: "encode(sha256(convert_to('key-' || g, 'UTF8')), 'hex')",
  userId: "md5('u' || g)::uuid::text",
  phone: "'+44771' || lpad(g::text, 7, '0')",
  practitionerId: "md5('p' || g)::uuid::text",
};

/** A table that holds rows of a recorded session: the column that finds them, holding which identity value. */
export interface RecordedTable {
  table: string;
  column: string;
  by: keyof SessionIdentity;
  /** Its `id` is an identity value (kept, and replaced per session); otherwise each copy gets the table's default. */
  keepsId?: boolean;
}

/** A recorded session's rows at one moment, by table, as to_jsonb made them. */
export type RecordedRows = Record<string, unknown[]>;

/** Reads the session's rows of every table, as the service left them. */
export async function readRows(sql: postgres.Sql, tables: readonly RecordedTable[], identity: SessionIdentity): Promise<RecordedRows> {
  const rows: RecordedRows = {};
  for (const { table, column, by } of tables) {
    const value = identity[by];
    if (value === undefined) throw new Error(`the recorded session has no ${by} to find its ${table} rows`);
    const found = await sql.unsafe<Array<{ row: unknown }>>(`select to_jsonb(t) as row from public.${table} t where t.${column}::text = $1`, [value]);
    rows[table] = found.map((r) => r.row);
  }
  return rows;
}

/**
 * Numbered copies of a session recorded at several moments (one per turn it waits at): each copy gets the rows
 * the service wrote for the recorded one, in every table, with the identity values replaced by its own. Tables are
 * filled in the order given (foreign keys: a practitioner before its session, a session before its status row).
 */
export class RecordedSessions {
  private readonly columns = new Map<string, string[]>();

  constructor(
    private readonly tables: readonly RecordedTable[],
    private readonly identity: SessionIdentity,
    /** states[k]: the rows while the session waits at turn k. */
    private readonly states: readonly RecordedRows[],
  ) {}

  /** Empties the tables (and what hangs off them) and stores sessions first..last, session n at turn n % turns. */
  async reseed(sql: postgres.Sql, first: number, last: number): Promise<void> {
    await sql.unsafe(`truncate ${this.tables.map((t) => `public.${t.table}`).join(', ')} cascade`);
    for (const [from, to] of chunks(first, last)) await this.insert(sql, from, to, false);
    // Only tables that hold rows now (see seed.ts, reseed: an analyzed empty table makes the planner scan it as it fills).
    for (const { table } of this.tables) if (this.states.some((s) => (s[table]?.length ?? 0) > 0)) await sql.unsafe(`vacuum analyze public.${table}`);
    await sql.unsafe('checkpoint');
  }

  /** Stores sessions first..last waiting at the first turn. */
  refill(sql: postgres.Sql, first: number, last: number): Promise<void> {
    return this.insert(sql, first, last, true);
  }

  private async insert(sql: postgres.Sql, first: number, last: number, atFirstTurn: boolean): Promise<void> {
    const keys = (Object.keys(this.identity) as Array<keyof SessionIdentity>).filter((k) => this.identity[k] !== undefined);
    // Every identity value replaced in the row's text: the same value inside the snapshot or the answers is the session's own too.
    const ownRow = keys.reduce((text, key, i) => `replace(${text}, $${i + 5}::text, ${PER_SESSION[key]})`, 't.row::text');
    for (const { table, keepsId } of this.tables) {
      const perState = this.states.map((s) => s[table] ?? []);
      if (perState.every((rows) => rows.length === 0)) continue;
      const columns = await this.columnsOf(sql, table, keepsId === true);
      await sql.unsafe(
        `insert into public.${table} (${columns.map((c) => `"${c}"`).join(', ')})
         select ${columns.map((c) => `r."${c}"`).join(', ')}
         from generate_series($1::int, $2::int) as g
         cross join lateral jsonb_array_elements(($3::text::jsonb) -> (case when $4::boolean then 0 else g % ${perState.length} end)) as t(row)
         cross join lateral jsonb_populate_record(null::public.${table}, (${ownRow})::jsonb) as r`,
        [first, last, JSON.stringify(perState), atFirstTurn, ...keys.map((k) => this.identity[k] as string)],
      );
    }
  }

  /** The columns a copy sets: not generated ones, not identity columns, and `id` only when it is an identity value. */
  private async columnsOf(sql: postgres.Sql, table: string, keepsId: boolean): Promise<string[]> {
    const known = this.columns.get(table);
    if (known) return known;
    const rows = await sql<Array<{ name: string }>>`
      select column_name as name from information_schema.columns
      where table_schema = 'public' and table_name = ${table} and is_generated = 'NEVER' and is_identity = 'NO'
      order by ordinal_position`;
    const columns = rows.map((r) => r.name).filter((name) => keepsId || name !== 'id');
    this.columns.set(table, columns);
    return columns;
  }
}

import type { SqlExecutor } from '../store/sql-client.js';

export interface DailyStats {
  date: string;
  started: number;
  completed: number;
  failed: number;
}

export interface DailyConversion {
  date: string;
  generated: number;
  viewed: number;
  shared: number;
}

export interface FlowFunnel {
  flow: string;
  version: number;
  steps: Array<{ step: string; reached: number; left: number }>;
}

/** What the dashboard shows, read from the analytics views only (aggregates: no row of any person). */
export interface AnalyticsReader {
  dailyStats(days: number): Promise<DailyStats[]>;
  dailyConversion(days: number): Promise<DailyConversion[]>;
  funnels(): Promise<FlowFunnel[]>;
}

const day = (value: unknown): string => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10));

/** The reader over a SQL connection (embedded or PostgreSQL drivers; the service's role reads the views). */
export function createSqlAnalyticsReader(sql: SqlExecutor): AnalyticsReader {
  return {
    async dailyStats(days) {
      const rows = await sql.query<{ date: unknown; started: string; completed: string; failed: string }>(
        `select date, sum(sessions_started)::text as started, sum(sessions_completed)::text as completed, sum(sessions_failed)::text as failed
         from public.instant_onboarding_session_stats where date > current_date - $1::int group by date order by date`,
        [days],
      );
      return rows.map((r) => ({ date: day(r.date), started: Number(r.started), completed: Number(r.completed), failed: Number(r.failed) }));
    },
    async dailyConversion(days) {
      const rows = await sql.query<{ date: unknown; generated: string; viewed: string; shared: string }>(
        `select date, charts_generated::text as generated, charts_viewed::text as viewed, charts_shared::text as shared
         from public.instant_onboarding_conversion_metrics where date > current_date - $1::int order by date`,
        [days],
      );
      return rows.map((r) => ({ date: day(r.date), generated: Number(r.generated), viewed: Number(r.viewed), shared: Number(r.shared) }));
    },
    async funnels() {
      // Each flow's latest version, every channel and language together, steps from the most reached down.
      const rows = await sql.query<{ flow_id: string; flow_version: number; step: string; reached: string; left: string }>(
        `select d.flow_id, d.flow_version, d.step, sum(d.sessions_reached)::text as reached, sum(d.sessions_left)::text as left
         from public.onboarding_step_dropoff d
         where d.flow_version = (select max(v.flow_version) from public.onboarding_step_dropoff v where v.flow_id = d.flow_id)
         group by d.flow_id, d.flow_version, d.step
         order by d.flow_id, sum(d.sessions_reached) desc, d.step`,
      );
      const byFlow = new Map<string, FlowFunnel>();
      for (const r of rows) {
        const entry = byFlow.get(r.flow_id) ?? { flow: r.flow_id, version: Number(r.flow_version), steps: [] };
        entry.steps.push({ step: r.step, reached: Number(r.reached), left: Number(r.left) });
        byFlow.set(r.flow_id, entry);
      }
      return [...byFlow.values()];
    },
  };
}

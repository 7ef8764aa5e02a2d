import type { SqlExecutor } from './sql-client.js';
import { parseChecklist, parseDueMessages, parseStripeOutcome, provisionArgument, stripeArgument, type WorkspaceStore } from './workspace-store.js';

/** The workspace store over a SQL connection: one call of the function the supabase driver calls, per method. */
export function createSqlWorkspaceStore(sql: SqlExecutor): WorkspaceStore {
  const one = async <T>(text: string, params: unknown[]): Promise<T | undefined> => (await sql.query<{ v: T }>(text, params))[0]?.v;
  return {
    async provision(input) {
      return (await one<boolean>('select public.workspace_provision($1::jsonb) as v', [provisionArgument(input)])) === true;
    },
    async createPending(input) {
      await sql.query('select public.workspace_create_pending($1::jsonb)', [{ organization_id: input.organizationId, name: input.name, user_id: input.userId }]);
    },
    async setStripeCustomer(organizationId, customerId) {
      await sql.query('select public.workspace_set_stripe_customer($1::uuid, $2)', [organizationId, customerId]);
    },
    async applyStripeEvent(effect) {
      return parseStripeOutcome(await one('select public.billing_apply_stripe_event($1::jsonb) as v', [stripeArgument(effect)]));
    },
    async checklist(userId, organizationId) {
      return parseChecklist(await one('select public.workspace_checklist($1::uuid, $2::uuid) as v', [userId, organizationId ?? null]));
    },
    async completeTask(userId, organizationId, task) {
      return (await one<boolean>('select public.workspace_complete_task($1::uuid, $2::uuid, $3) as v', [userId, organizationId, task])) === true;
    },
    async dismiss(userId, organizationId) {
      return (await one<'dismissed' | 'forbidden' | 'not_member'>('select public.workspace_dismiss_checklist($1::uuid, $2::uuid) as v', [userId, organizationId]))!;
    },
    async dueMessages(now, noticeDays, limit) {
      return parseDueMessages(
        await one('select public.workspace_due_messages($1::timestamptz, make_interval(days => $2::integer), $3) as v', [now.toISOString(), noticeDays, limit]),
      );
    },
    async recordMessage(organizationId, kind, messages) {
      return (await one<'recorded' | 'duplicate'>('select public.workspace_record_message($1::jsonb) as v', [{ organization_id: organizationId, kind, messages }]))!;
    },
  };
}

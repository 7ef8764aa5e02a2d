import type { SupabaseClient } from '@supabase/supabase-js';
import { z } from 'zod';
import { callRpc } from './supabase-client.js';
import { parseChecklist, parseDueMessages, parseStripeOutcome, provisionArgument, stripeArgument, type WorkspaceStore } from './workspace-store.js';

/** The workspace store over supabase-js: one rpc() per call, to the functions the SQL driver calls too. */
export function createSupabaseWorkspaceStore(client: SupabaseClient): WorkspaceStore {
  return {
    async provision(input) {
      return z.boolean().parse(await callRpc(client, 'workspace_provision', { p: provisionArgument(input) }));
    },
    async createPending(input) {
      await callRpc(client, 'workspace_create_pending', { p: { organization_id: input.organizationId, name: input.name, user_id: input.userId } });
    },
    async setStripeCustomer(organizationId, customerId) {
      await callRpc(client, 'workspace_set_stripe_customer', { p_organization_id: organizationId, p_customer_id: customerId });
    },
    async applyStripeEvent(effect) {
      return parseStripeOutcome(await callRpc(client, 'billing_apply_stripe_event', { p: stripeArgument(effect) }));
    },
    async checklist(userId, organizationId) {
      return parseChecklist(await callRpc(client, 'workspace_checklist', { p_user_id: userId, p_organization_id: organizationId ?? null }));
    },
    async completeTask(userId, organizationId, task) {
      return z.boolean().parse(await callRpc(client, 'workspace_complete_task', { p_user_id: userId, p_organization_id: organizationId, p_task: task }));
    },
    async dismiss(userId, organizationId) {
      return z.enum(['dismissed', 'forbidden', 'not_member']).parse(await callRpc(client, 'workspace_dismiss_checklist', { p_user_id: userId, p_organization_id: organizationId }));
    },
    async dueMessages(now, noticeDays, limit) {
      return parseDueMessages(await callRpc(client, 'workspace_due_messages', { p_now: now.toISOString(), p_notice: `${noticeDays} days`, p_limit: limit }));
    },
    async recordMessage(organizationId, kind, messages) {
      return z.enum(['recorded', 'duplicate']).parse(await callRpc(client, 'workspace_record_message', { p: { organization_id: organizationId, kind, messages } }));
    },
  };
}

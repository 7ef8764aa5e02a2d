import type { Localizer } from '../i18n/create-i18n.js';
import type { ServiceLogger } from '../sessions/service-deps.js';
import type { DueWorkspaceMessage, WorkspaceOutboxMessage, WorkspaceStore } from '../store/workspace-store.js';

export interface WorkspaceMessagesDeps {
  store: WorkspaceStore;
  localizer: Localizer;
  defaultLanguage: string;
  /** Where the checklist and welcome pages are (PUBLIC_URL, else the local address). */
  publicUrl: string;
  logger: ServiceLogger;
  outboxWritten: () => void;
}

/** Reminders go this many days before a trial ends. */
export const TRIAL_NOTICE_DAYS = 3;

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The person's messages for one due message: on their messaging channel, and by email when an address is known. */
export function messagesFor(due: DueWorkspaceMessage, deps: Pick<WorkspaceMessagesDeps, 'localizer' | 'defaultLanguage' | 'publicUrl'>, now: Date): WorkspaceOutboxMessage[] {
  const language = due.language && deps.localizer.languages.includes(due.language) ? due.language : deps.defaultLanguage;
  const t = deps.localizer.translator(language);
  const days = due.trialEndsAt ? Math.max(0, Math.ceil((due.trialEndsAt.getTime() - now.getTime()) / 86_400_000)) : 0;
  const date = due.trialEndsAt ? new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(due.trialEndsAt) : '';
  const vars = {
    first: (due.fullName ?? '').split(/\s+/)[0] || due.name,
    name: due.name,
    days,
    date,
    checklist: `${deps.publicUrl}/onboarding/checklist?organization=${due.organizationId}`,
    welcome: `${deps.publicUrl}/onboarding/welcome?organization=${due.organizationId}`,
  };
  const lines =
    due.kind === 'billing_alert'
      ? [t('workspace:billing_alert.body', vars), t('workspace:trial_ending.how', vars)]
      : due.kind === 'welcome'
      ? [
          t('workspace:welcome.hello', vars),
          ...(due.isOnTrial ? [t('workspace:welcome.trial', vars)] : []),
          t('workspace:welcome.set_up', vars),
          t('workspace:welcome.next', vars),
          t('workspace:welcome.links', vars),
        ]
      : [t('workspace:trial_ending.body', vars), t('workspace:trial_ending.how', vars)];
  const subject = t(`workspace:${due.kind === 'trial_ending' ? 'trial_ending' : due.kind === 'welcome' ? 'welcome' : 'billing_alert'}.subject`, vars);
  const text = lines.join('\n\n');
  const messages: WorkspaceOutboxMessage[] = [];
  if (due.email) {
    const html = `<!doctype html><html lang="${language}"><body style="font-family:sans-serif;line-height:1.5">${lines
      .map((line) => `<p>${escapeHtml(line).replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>')}</p>`)
      .join('')}</body></html>`;
    messages.push({ channel: 'email', to: due.email, from: null, kind: `workspace_${due.kind}`, body: text, subject, variables: { html } });
  }
  // The chat reply already welcomed a person on SMS or WhatsApp; the trial's end and a failed payment are news there.
  if (due.kind !== 'welcome' && (due.channel === 'sms' || due.channel === 'whatsapp') && due.phoneNumber) {
    messages.push({ channel: due.channel, to: due.phoneNumber, from: due.botNumber, kind: due.kind, body: lines[0] ?? text, subject: null, variables: { '1': String(days) } });
  }
  return messages;
}

/** Sends what workspaces are owed now: each message recorded with its outbox rows once (a second run finds it done). */
export async function sendWorkspaceMessages(deps: WorkspaceMessagesDeps, now: Date): Promise<number> {
  let recorded = 0;
  for (const due of await deps.store.dueMessages(now, TRIAL_NOTICE_DAYS, 500)) {
    if ((await deps.store.recordMessage(due.organizationId, due.kind, messagesFor(due, deps, now))) === 'recorded') recorded += 1;
  }
  if (recorded > 0) {
    deps.outboxWritten();
    deps.logger.info({ workspace_messages: recorded }, 'workspace messages');
  }
  return recorded;
}

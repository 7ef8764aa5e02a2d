import { createTransport } from 'nodemailer';
import { SendFailure } from '../channels/twilio-messaging/message-sender.js';
import type { ServiceLogger } from '../sessions/service-deps.js';

/** One email: plain text, and HTML when the message has one. */
export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/** Sends email through SMTP, or to the log in console mode (no SMTP_URL). */
export interface EmailSender {
  readonly description: string;
  send(message: EmailMessage): Promise<{ id: string | null }>;
}

/** SMTP answers 4xx for "try later" (greylisting, a full mailbox, rate limits); 5xx is final. */
function retryable(error: unknown): boolean {
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code !== 'number' || code < 500;
}

/** SMTP through nodemailer (SMTP_URL, e.g. smtps://user:pass@smtp.example.com:465). */
export function smtpEmailSender(url: string, from: string): EmailSender {
  const transport = createTransport(url);
  const target = new URL(url);
  return {
    description: `SMTP at ${target.hostname}:${target.port || (target.protocol === 'smtps:' ? '465' : '587')}`,
    async send(message) {
      try {
        const info = await transport.sendMail({ from, ...message });
        return { id: typeof info.messageId === 'string' ? info.messageId : null };
      } catch (error) {
        throw new SendFailure(error instanceof Error ? error.message : String(error), retryable(error), { cause: error });
      }
    },
  };
}

/** Console mode: the email goes to the log (subject and length only: the body and address are personal). */
export function consoleEmailSender(logger: ServiceLogger): EmailSender {
  let sent = 0;
  return {
    description: 'console (no SMTP_URL: emails are written to the log)',
    async send(message) {
      sent += 1;
      logger.info({ email: 'console', subject: message.subject, chars: message.text.length }, 'email_console');
      return { id: `console-${sent}` };
    },
  };
}

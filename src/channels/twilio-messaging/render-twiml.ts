import twilio from 'twilio';
import type { OutgoingMessage } from '../../conversation/render-outputs.js';

/** One message as plain text: choices become a numbered list, since SMS has no buttons (the parsers take the number). */
export function messageText(message: OutgoingMessage): string {
  if (!message.choices?.length) return message.text;
  return [message.text, ...message.choices.map((choice, index) => `${index + 1}. ${choice.label}`)].join('\n');
}

/** The TwiML answer to an inbound message: one <Message> per message the bot says; none for silence. */
export function renderTwiml(messages: readonly OutgoingMessage[]): string {
  const response = new twilio.twiml.MessagingResponse();
  for (const message of messages) response.message(messageText(message));
  return response.toString();
}

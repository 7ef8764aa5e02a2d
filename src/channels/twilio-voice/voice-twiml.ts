import twilio from 'twilio';
import type { OutgoingMessage } from '../../conversation/render-outputs.js';
import type { Translate } from '../../conversation/translate.js';
import { speakable } from './speakable.js';
import type { SpeechSettings } from './speech-settings.js';

type VoiceResponse = InstanceType<typeof twilio.twiml.VoiceResponse>;
type SayAttributes = Parameters<VoiceResponse['say']>[0];
type GatherAttributes = NonNullable<Parameters<VoiceResponse['gather']>[0]>;

/**
 * The texts to say for a turn's messages, in order. Choices are read with their keypad number ("For Morning,
 * press 1."); a single option is a yes / no question (a confirmation), so it gets "say yes or press 1, or say
 * no or press 2" instead of its label, which the question already says.
 */
export function spokenLines(messages: readonly OutgoingMessage[], t: Translate): string[] {
  const words = { degrees: t('voice:degrees') };
  const lines: string[] = [];
  for (const message of messages) {
    lines.push(speakable(message.text, words));
    const choices = message.choices ?? [];
    if (choices.length === 1) lines.push(t('voice:confirm_keys'));
    else choices.forEach((choice, index) => lines.push(t('voice:choice', { label: speakable(choice.label, words), number: index + 1 })));
  }
  return lines.filter((line) => line !== '');
}

// Twilio's typings list the voices and tags they knew when published; configured ones are checked by the
// config schema's pattern instead, so they are passed through as Twilio's types.
function sayAttributes(speech: SpeechSettings): SayAttributes {
  return { voice: speech.voice, language: speech.language } as SayAttributes;
}

export interface QuestionTwiml {
  speech: SpeechSettings;
  lines: readonly string[];
  /** Where the answer goes (the Gather's action). */
  action: string;
  /** Where the call goes when nothing was said or typed (a Redirect after the Gather). */
  onSilence: string;
  /** Keys that end the answer at once (1 for a choice, 8 for a date); otherwise the caller ends with #. */
  numDigits?: number;
  /** Words the recognizer should expect (the choices, yes / no). */
  hints?: readonly string[];
}

/** A question: everything said inside one Gather (the caller may answer while it is said), then the silence path. */
export function questionTwiml(q: QuestionTwiml): string {
  const response = new twilio.twiml.VoiceResponse();
  const gather: GatherAttributes = {
    input: ['speech', 'dtmf'],
    action: q.action,
    method: 'POST',
    language: q.speech.language as GatherAttributes['language'],
    speechTimeout: 'auto',
    ...(q.numDigits ? { numDigits: q.numDigits } : {}),
    ...(q.hints?.length ? { hints: q.hints.join(', ') } : {}),
  };
  const gathering = response.gather(gather);
  for (const line of q.lines) gathering.say(sayAttributes(q.speech), line);
  response.redirect({ method: 'POST' }, q.onSilence);
  return response.toString();
}

/** The end of a call: the lines, then hang up. */
export function goodbyeTwiml(speech: SpeechSettings, lines: readonly string[]): string {
  const response = new twilio.twiml.VoiceResponse();
  for (const line of lines) response.say(sayAttributes(speech), line);
  response.hangup();
  return response.toString();
}

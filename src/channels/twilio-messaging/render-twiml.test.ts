import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { messageText, renderTwiml } from './render-twiml.js';

describe('renderTwiml', () => {
  it('says each message in its own <Message>, escaped', () => {
    expect(renderTwiml([{ text: 'Hi <Maria> & co' }, { text: 'Next?' }])).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Message>Hi &lt;Maria&gt; &amp; co</Message><Message>Next?</Message></Response>',
    );
  });

  it('answers nothing with an empty Response', () => {
    expect(renderTwiml([])).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
  });

  it('writes what the twilio SDK writes, for any text it accepts', () => {
    const sdk = (texts: string[]) => {
      const response = new twilio.twiml.MessagingResponse();
      for (const text of texts) response.message(text);
      return response.toString();
    };
    const pieces = ['a', ' ', '&', '&amp;', '<', '>', '"', "'", '\r', '\n', '\t', ']]>', 'é', 'नमस्ते', '😀', '1. 07:30', '<Message>', ''];
    const seen = new Set<string>();
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16;
    for (let i = 0; i < 2000; i++) {
      const texts = Array.from({ length: next() % 4 }, () => Array.from({ length: next() % 8 }, () => pieces[next() % pieces.length]).join(''));
      expect(renderTwiml(texts.map((text) => ({ text })))).toBe(sdk(texts));
      for (const text of texts) seen.add(text);
    }
    // Every piece was written in some message, or the comparison proves little.
    expect(pieces.filter((piece) => piece !== '' && ![...seen].some((text) => text.includes(piece)))).toEqual([]);
  });

  it('drops characters XML cannot hold, where the SDK throws', () => {
    for (const bad of ['\u0001', '\u000b', '\uffff', '\ud800', '\udc00']) {
      expect(() => sdk1(`x${bad}y`)).toThrow();
      expect(renderTwiml([{ text: `x${bad}y` }])).toBe(sdk1('xy'));
    }
  });

  it('numbers choices, since SMS has no buttons', () => {
    const message = { text: 'Morning or evening?', choices: [{ label: '07:30', value: '1' }, { label: '19:30', value: '2' }] };
    expect(messageText(message)).toBe('Morning or evening?\n1. 07:30\n2. 19:30');
  });
});

function sdk1(text: string): string {
  const response = new twilio.twiml.MessagingResponse();
  response.message(text);
  return response.toString();
}

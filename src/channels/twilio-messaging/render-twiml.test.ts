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

  it('numbers choices, since SMS has no buttons', () => {
    const message = { text: 'Morning or evening?', choices: [{ label: '07:30', value: '1' }, { label: '19:30', value: '2' }] };
    expect(messageText(message)).toBe('Morning or evening?\n1. 07:30\n2. 19:30');
  });
});

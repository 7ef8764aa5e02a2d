import { describe, expect, it } from 'vitest';
import { parseInbound } from './parse-inbound.js';

const SID = `SM${'a1'.repeat(16)}`;
const form = (from: string, body: string, extra: Record<string, string> = {}) => ({
  MessageSid: SID,
  From: from,
  To: from.startsWith('whatsapp:') ? 'whatsapp:+15550001111' : '+15550001111',
  Body: body,
  NumMedia: '0',
  ...extra,
});

describe('parseInbound', () => {
  it('reads text over SMS and WhatsApp, numbers without the whatsapp: prefix', () => {
    expect(parseInbound(form('+34612345678', ' Maria '))).toEqual({
      messageSid: SID, channel: 'sms', from: '+34612345678', to: '+15550001111', kind: 'text', text: 'Maria',
    });
    expect(parseInbound(form('whatsapp:+34612345678', 'Maria'))).toMatchObject({ channel: 'whatsapp', from: '+34612345678', to: '+15550001111' });
  });

  it('knows the opt-out, opt-in and help keywords, however they are written', () => {
    for (const word of ['STOP', 'stop', ' Stop. ', 'STOPALL', 'stop all', 'Unsubscribe', 'CANCEL', 'end', 'QUIT', 'revoke', 'OPTOUT']) {
      expect(parseInbound(form('+34612345678', word)), word).toMatchObject({ kind: 'opt_out', handledByTwilio: false });
    }
    for (const word of ['START', 'unstop']) expect(parseInbound(form('+34612345678', word)), word).toMatchObject({ kind: 'opt_in' });
    for (const word of ['HELP', 'info', 'Help!']) expect(parseInbound(form('+34612345678', word)), word).toMatchObject({ kind: 'help' });
    // Words that merely contain a keyword are answers.
    for (const word of ['stop it please', 'the end', 'Helpful']) expect(parseInbound(form('+34612345678', word)), word).toMatchObject({ kind: 'text' });
  });

  it('takes WhatsApp\'s "Stop promotions" quick reply as an opt-out there only, by text or payload', () => {
    expect(parseInbound(form('whatsapp:+34612345678', 'Stop promotions'))).toMatchObject({ kind: 'opt_out' });
    expect(parseInbound(form('whatsapp:+34612345678', 'No more', { ButtonPayload: 'STOP' }))).toMatchObject({ kind: 'opt_out' });
    expect(parseInbound(form('+34612345678', 'Stop promotions'))).toMatchObject({ kind: 'text' });
  });

  it('follows Twilio\'s OptOutType, and knows Twilio answered already', () => {
    expect(parseInbound(form('+34612345678', 'YES', { OptOutType: 'START' }))).toMatchObject({ kind: 'opt_in', handledByTwilio: true });
    expect(parseInbound(form('+34612345678', 'arret', { OptOutType: 'STOP' }))).toMatchObject({ kind: 'opt_out', handledByTwilio: true });
    expect(parseInbound(form('+34612345678', 'HELP', { OptOutType: 'HELP' }))).toMatchObject({ kind: 'help', handledByTwilio: true });
  });

  it('keeps media only from Twilio\'s media host', () => {
    const media = {
      NumMedia: '2',
      MediaUrl0: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1',
      MediaContentType0: 'image/jpeg',
      MediaUrl1: 'https://evil.example/x.jpg',
      MediaContentType1: 'image/png',
    };
    expect(parseInbound(form('whatsapp:+34612345678', '', media))).toMatchObject({
      kind: 'media',
      text: '',
      media: [{ url: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1', contentType: 'image/jpeg' }],
    });
    expect(parseInbound(form('whatsapp:+34612345678', '', { NumMedia: '1', MediaUrl0: 'https://evil.example/x.jpg', MediaContentType0: 'image/png' }))).toMatchObject({ kind: 'media', media: [] });
  });

  it('refuses what is not an inbound message', () => {
    expect(parseInbound({})).toBeNull();
    expect(parseInbound(form('+34612345678', ''))).toBeNull();
    expect(parseInbound({ ...form('+34612345678', 'Hi'), MessageSid: 'nope' })).toBeNull();
    expect(parseInbound({ ...form('+34612345678', 'Hi'), From: 'Maria' })).toBeNull();
    expect(parseInbound({ ...form('whatsapp:+34612345678', 'Hi'), To: '+15550001111' })).toBeNull();
  });
});

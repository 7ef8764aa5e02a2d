import { describe, expect, it } from 'vitest';
import type { ClaimedOutboxMessage } from '../../store/messaging-store.js';
import { chooseDelivery, WHATSAPP_WINDOW_MS } from './whatsapp-window.js';

const last = new Date('2030-01-01T12:00:00Z');
const message = (channel: 'sms' | 'whatsapp', kind = 'profile_ready'): ClaimedOutboxMessage & { channel: 'sms' | 'whatsapp' } => ({
  id: 1, attempt: 1, sessionId: null, channel, to: '+34612345678', from: '+15550001111', kind, body: 'Your chart', subject: null, variables: { '1': 'Your chart' }, lastInboundAt: last, optedOut: false,
});
const after = (ms: number) => new Date(last.getTime() + ms);
const TEMPLATES = { profile_ready: `HX${'0'.repeat(32)}` };

describe('the WhatsApp 24-hour window', () => {
  it('sends free-form until the 24 hours are over', () => {
    expect(chooseDelivery(message('whatsapp'), after(WHATSAPP_WINDOW_MS - 1), TEMPLATES)).toEqual({ kind: 'text', body: 'Your chart' });
  });

  it('then the kind\'s template with its variables, or nothing', () => {
    expect(chooseDelivery(message('whatsapp'), after(WHATSAPP_WINDOW_MS), TEMPLATES)).toEqual({ kind: 'template', contentSid: TEMPLATES.profile_ready, variables: { '1': 'Your chart' } });
    expect(chooseDelivery(message('whatsapp', 'reminder'), after(WHATSAPP_WINDOW_MS), TEMPLATES)).toMatchObject({ kind: 'none' });
    expect(chooseDelivery({ ...message('whatsapp'), lastInboundAt: null }, last, {})).toMatchObject({ kind: 'none' });
  });

  it('does not apply to SMS', () => {
    expect(chooseDelivery(message('sms'), after(10 * WHATSAPP_WINDOW_MS), {})).toEqual({ kind: 'text', body: 'Your chart' });
  });
});

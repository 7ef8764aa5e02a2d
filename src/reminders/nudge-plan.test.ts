import { describe, expect, it } from 'vitest';
import { flowSchema, type FlowDefinition } from '../flows/flow-schema.js';
import { decideNudge, nudgePlans, type NudgeCandidate, type NudgeSettings } from './nudge-plan.js';
import { parseQuietHours } from './quiet-hours.js';

const flow = (nudges: Record<string, unknown>, extraSteps: Array<Record<string, unknown>> = []): FlowDefinition =>
  flowSchema.parse({
    id: 'f',
    version: 1,
    namespace: 'f',
    steps: [{ id: 'name', type: 'text', prompt: 'p' }, ...extraSteps],
    nudges,
  });

const settings: NudgeSettings = { quietHours: parseQuietHours('21:00-09:00'), whatsappTemplates: {}, smsNumber: null };
const SILENT_SINCE = new Date('2030-01-15T10:00:00Z');
const candidate = (over: Partial<NudgeCandidate> = {}): NudgeCandidate => ({
  id: 's1',
  flowId: 'f',
  channel: 'sms',
  phoneNumber: '+447700900123',
  botNumber: '+15550001111',
  userId: null,
  language: 'en',
  currentStep: 'name',
  collectedData: {},
  lastInboundAt: SILENT_SINCE,
  silenceKey: '2030-01-15 10:00:00+00',
  silenceStartedAt: SILENT_SINCE,
  sequence: 0,
  ...over,
});
const minutesLater = (m: number) => new Date(SILENT_SINCE.getTime() + m * 60_000);

describe('nudge plans', () => {
  it('gives the database each flow\'s schedule in seconds, its maximum and the session channels it reaches', () => {
    const plans = nudgePlans([flow({ after: ['15m', '23h', '3d'], channels: ['sms', 'email'] }), flow({ after: ['1h'], channels: ['whatsapp'] })]);
    expect(plans.f).toEqual({ after: [3600], max: 1, session_channels: ['whatsapp'] }); // one entry per flow id: the last wins
    const [first] = Object.values(nudgePlans([flow({ after: ['15m', '23h', '3d'], max: 2, channels: ['sms', 'email'] })]));
    expect(first).toEqual({ after: [900, 82_800, 259_200], max: 2, session_channels: ['sms', 'voice', 'web', 'api'] });
  });

  it('refuses a schedule that does not move forward, and a time zone that does not exist', () => {
    expect(() => flow({ after: ['1h', '30m'], channels: ['sms'] })).toThrow(/later than the one before/);
    expect(() => flow({ after: ['1h'], channels: ['sms'], timezone: 'Mars/Olympus' })).toThrow(/IANA/);
    expect(() => flow({ after: ['soon'], channels: ['sms'] })).toThrow(/unit/);
  });
});

describe('deciding a nudge', () => {
  const sms = flow({ after: ['15m'], channels: ['sms', 'whatsapp'] });

  it('sends an SMS nudge from the number the person wrote to', () => {
    expect(decideNudge(sms, candidate(), minutesLater(16), settings)).toEqual({ kind: 'send', route: { channel: 'sms', to: '+447700900123', from: '+15550001111' } });
  });

  it('waits for the morning in the person\'s own zone: an answered place first, then the phone\'s country, then the flow\'s', () => {
    const lateInTokyo = new Date('2030-01-15T13:00:00Z'); // 22:00 in Tokyo, 13:00 in London
    const inTokyo = candidate({ collectedData: { birth_place: { name: 'Tokyo', tz: 'Asia/Tokyo' } } });
    expect(decideNudge(sms, inTokyo, lateInTokyo, settings)).toEqual({ kind: 'wait', until: new Date('2030-01-16T00:00:00Z') });
    // No place: the +44 number says London, where 13:00 is day.
    expect(decideNudge(sms, candidate(), lateInTokyo, settings).kind).toBe('send');
    // No place and a number with no country: the flow's zone.
    const tokyoFlow = flow({ after: ['15m'], channels: ['sms'], timezone: 'Asia/Tokyo' });
    expect(decideNudge(tokyoFlow, candidate({ phoneNumber: null, channel: 'voice' }), lateInTokyo, settings).kind).toBe('wait');
  });

  it('keeps WhatsApp\'s 24-hour rule: free text inside it, the template outside it, else the fallback, else nothing', () => {
    const wa = candidate({ channel: 'whatsapp' });
    const dayLater = minutesLater(25 * 60);
    expect(decideNudge(sms, wa, minutesLater(16), settings)).toMatchObject({ kind: 'send', route: { channel: 'whatsapp' } });
    expect(decideNudge(sms, wa, dayLater, settings)).toMatchObject({ kind: 'none', reason: expect.stringMatching(/24-hour/) });
    const withTemplate = { ...settings, whatsappTemplates: { nudge: `HX${'0'.repeat(32)}` } };
    expect(decideNudge(sms, wa, dayLater, withTemplate)).toMatchObject({ kind: 'send', route: { channel: 'whatsapp' } });
    const toSms = flow({ after: ['15m'], channels: ['whatsapp'], whatsapp_fallback: 'sms' });
    expect(decideNudge(toSms, wa, dayLater, settings)).toMatchObject({ kind: 'none', reason: expect.stringMatching(/TWILIO_SMS_NUMBER/) });
    expect(decideNudge(toSms, wa, dayLater, { ...settings, smsNumber: '+15550003333' })).toEqual({
      kind: 'send',
      route: { channel: 'sms', to: '+447700900123', from: '+15550003333' },
    });
  });

  it('nudges a web session by email only when the flow allows it and an address was given', () => {
    const withEmail = flow({ after: ['15m'], channels: ['email'] }, [{ id: 'email', type: 'email', prompt: 'e' }]);
    const web = candidate({ channel: 'web', phoneNumber: null, botNumber: null });
    expect(decideNudge(withEmail, web, minutesLater(16), settings)).toMatchObject({ kind: 'none', reason: expect.stringMatching(/no email/) });
    expect(decideNudge(withEmail, { ...web, collectedData: { email: 'ana@example.com' } }, minutesLater(16), settings)).toEqual({
      kind: 'send',
      route: { channel: 'email', to: 'ana@example.com', from: null },
    });
    expect(decideNudge(sms, { ...web, collectedData: { email: 'ana@example.com' } }, minutesLater(16), settings).kind).toBe('none');
  });

  it('has nothing to send past the end of the schedule', () => {
    expect(decideNudge(sms, candidate({ sequence: 1 }), minutesLater(600), settings)).toMatchObject({ kind: 'none' });
  });
});

import { describe, expect, it } from 'vitest';
import { normalisePhone } from './practitioner-phone.js';

describe('normalisePhone', () => {
  it('gives E.164 with the country for international numbers, 00 taken as +', () => {
    expect(normalisePhone('+1 (415) 555-0101')).toEqual({ phone: '+14155550101', country: 'US' });
    expect(normalisePhone('0034 600 123 456')).toEqual({ phone: '+34600123456', country: 'ES' });
  });

  it('refuses a number without its country code, or not a number', () => {
    expect(normalisePhone('415 555 0101')).toEqual({ problem: 'PHONE_INVALID' });
    expect(normalisePhone('+1 555')).toEqual({ problem: 'PHONE_INVALID' });
    expect(normalisePhone('call me')).toEqual({ problem: 'PHONE_INVALID' });
  });

  it('keeps to the allowed countries when there are some (OTP_ALLOWED_COUNTRIES)', () => {
    expect(normalisePhone('+34600123456', ['US', 'GB'])).toEqual({ problem: 'PHONE_COUNTRY_NOT_ALLOWED' });
    expect(normalisePhone('+14155550101', ['US', 'GB'])).toMatchObject({ country: 'US' });
  });
});

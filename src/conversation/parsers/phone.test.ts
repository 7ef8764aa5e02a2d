import { describe, expect, it } from 'vitest';
import { parsePhone } from './phone.js';
import { context } from './test-support.js';

describe('parsePhone', () => {
  it.each([
    ['en', '(212) 555-0123', '+12125550123'],
    ['en', 'two one two five five five zero one two three', '+12125550123'],
    ['en', 'two one two, five five five, oh one two three', '+12125550123'],
    ['en', 'two one two, double five five, zero one two three', '+12125550123'],
    ['en', 'my number is +44 20 7946 0958', '+442079460958'],
    ['es', '655 123 456', '+34655123456'],
    ['es', 'seis cinco cinco uno dos tres cuatro cinco seis', '+34655123456'],
    ['es', 'más 34 655 12 34 56', '+34655123456'],
    ['fr', '06 12 34 56 78', '+33612345678'],
    ['de', '0151 23456789', '+4915123456789'],
    ['pt', '11 98765-4321', '+5511987654321'],
    ['hi', '98765 43210', '+919876543210'],
    ['hi', '९८७६५ ४३२१०', '+919876543210'],
  ])('%s reads "%s"', (language, text, value) => {
    expect(parsePhone(text, context(language))).toEqual({ kind: 'accepted', value });
  });

  it('prefers the caller country, then the step default, then the language', () => {
    expect(parsePhone('612 345 678', context('en', {}, { country: 'ES' }))).toEqual({ kind: 'accepted', value: '+34612345678' });
    expect(parsePhone('612 345 678', context('en', { default_country: 'ES' }))).toEqual({
      kind: 'accepted',
      value: '+34612345678',
    });
    expect(parsePhone('912 345 678', context('pt', {}, { country: 'PT' }))).toEqual({ kind: 'accepted', value: '+351912345678' });
    expect(parsePhone('(11) 98765-4321', context('pt'))).toEqual({ kind: 'accepted', value: '+5511987654321' });
  });

  it.each([
    ['hello', 'parsers:phone.unreadable'],
    ['123', 'parsers:phone.unreadable'],
    ['12345', 'parsers:phone.too_short'],
    ['+1 212 555 0123 4567 89', 'parsers:phone.too_long'],
    ['(012) 555-0123', 'parsers:phone.invalid'],
  ])('refuses "%s"', (text, key) => {
    const result = parsePhone(text, context('en'));
    expect(result.kind === 'rejected' && result.reason.key).toBe(key);
  });
});

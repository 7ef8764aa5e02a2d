import { describe, expect, it } from 'vitest';
import { parseText } from './text.js';
import { context } from './test-support.js';

describe('parseText', () => {
  it('trims and collapses whitespace', () => {
    expect(parseText('  Maria \n  López\t ', context('es'))).toEqual({ kind: 'accepted', value: 'Maria López' });
  });

  it('refuses an empty answer by default and allows it with min_length 0', () => {
    expect(parseText('   ', context('en'))).toEqual({
      kind: 'rejected',
      reason: { key: 'parsers:text.too_short', vars: { min: 1, count: 1 } },
    });
    expect(parseText('', context('en', { min_length: 0 }))).toEqual({ kind: 'accepted', value: '' });
  });

  it('checks lengths in visible characters', () => {
    expect(parseText('ab', context('en', { min_length: 3 })).kind).toBe('rejected');
    expect(parseText('नमस्ते', context('hi', { max_length: 3 }))).toEqual({ kind: 'accepted', value: 'नमस्ते' });
    expect(parseText('a'.repeat(201), context('en'))).toEqual({
      kind: 'rejected',
      reason: { key: 'parsers:text.too_long', vars: { max: 200, count: 200 } },
    });
  });

  it('searches the pattern and ignores one that does not compile', () => {
    expect(parseText('ABC-123', context('en', { pattern: '^[A-Z]{3}-\\d{3}$' })).kind).toBe('accepted');
    expect(parseText('abc', context('en', { pattern: '^[A-Z]{3}-\\d{3}$' }))).toEqual({
      kind: 'rejected',
      reason: { key: 'parsers:text.pattern' },
    });
    expect(parseText('abc', context('en', { pattern: '([' })).kind).toBe('accepted');
  });
});

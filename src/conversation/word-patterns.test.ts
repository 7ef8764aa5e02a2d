import { describe, expect, it } from 'vitest';
import { loosePhrase, matchable, splitAroundValue, templateRegex } from './word-patterns.js';

const whole = (phrase: string) => new RegExp(`^(?:${loosePhrase(phrase)})$`, 'iu');

describe('loose phrases', () => {
  it('match without accents, in any case, with either apostrophe, none or a space', () => {
    expect(whole('atrás').test('ATRAS')).toBe(true);
    expect(whole("je m'appelle").test('je m’appelle')).toBe(true);
    expect(whole("je m'appelle").test('je mappelle')).toBe(true);
    expect(whole("je m'appelle").test('je m appelle')).toBe(true);
    expect(whole("je m'appelle").test('je t appelle')).toBe(false);
  });

  it('accept a hyphen as a hyphen or a space, and compile in unicode mode', () => {
    expect(whole('aide-moi').test('aide-moi')).toBe(true);
    expect(whole('aide-moi').test('aide moi')).toBe(true);
    expect(() => templateRegex('appelez-moi {{value}}', { value: '.+' })).not.toThrow();
  });

  it('read German umlauts and ß written out', () => {
    expect(whole('ändere').test('aendere')).toBe(true);
    expect(whole('ändere').test('andere')).toBe(true);
    expect(whole('weiß nicht').test('weiss nicht')).toBe(true);
    expect(whole('ändere').test('aaendere')).toBe(false);
  });

  it('keep Devanagari vowel signs, with an optional nukta and either nasal sign', () => {
    expect(whole('मेरी जन्म तिथि').test('मेरी जन्म तिथि')).toBe(true);
    // Accents are stripped from Latin letters only: a vowel sign is part of the word.
    expect(whole('मेरी').test('मरी')).toBe(false);
    expect(whole('ग़लत').test('गलत')).toBe(true);
    expect(whole('ग़लत').test('\u095Aलत')).toBe(true);
    expect(whole('हाँ').test('हां')).toBe(true);
  });

  it('match composed text whatever the accents were typed as', () => {
    expect(whole('née').test(matchable('ne\u0301e'))).toBe(true);
  });
});

describe('templates', () => {
  it('match the whole message, ending with a full stop or a danda', () => {
    const change = templateRegex('मेरी {{field}} बदलो', { field: loosePhrase('जन्म तिथि') });
    expect(change?.exec('मेरी जन्म तिथि बदलो।')?.groups?.field).toBe('जन्म तिथि');
    expect(change?.test('कृपया मेरी जन्म तिथि बदलो')).toBe(false);
  });

  it('split a phrase around its value', () => {
    expect(splitAroundValue('मैं {{value}} हूँ')).toEqual({ before: 'मैं', after: 'हूँ' });
    expect(splitAroundValue('{{value}} में')).toEqual({ before: '', after: 'में' });
    expect(splitAroundValue("je m'appelle")).toEqual({ before: "je m'appelle", after: '' });
  });
});

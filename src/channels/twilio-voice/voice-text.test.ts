import { describe, expect, it } from 'vitest';
import { joinSpelledLetters } from '../../conversation/interpret-reply.js';
import { canReceiveSms } from './voice-sms.js';
import { keypadText } from './keypad.js';
import { speakable } from './speakable.js';

describe('what a caller says or types, as an answer', () => {
  it('joins letters spelled one by one into the word, and leaves other single letters alone', () => {
    for (const spelled of ['m a r i a', 'M. A. R. I. A.', 'm-a-r-i-a']) expect(joinSpelledLetters(spelled), spelled).toBe('Maria');
    expect(joinSpelledLetters("I'm m a r i a")).toBe("I'm Maria");
    expect(joinSpelledLetters('j o s e dot l o p e z at gmail dot com')).toBe('Jose dot Lopez at gmail dot com');
    for (const plain of ['7:30 a m', 'Maria y Jose', 'Ana', 'a b']) expect(joinSpelledLetters(plain), plain).toBe(plain);
  });

  it('reads eight keypad digits as a date, day first or year first', () => {
    expect(keypadText('05031990', 'date')).toBe('1990-03-05');
    expect(keypadText('19900305', 'date')).toBe('1990-03-05');
    expect(keypadText('0503199#', 'date')).toBe('0503199');
    expect(keypadText('99999999', 'date')).toBe('99999999');
  });

  it('gives a national phone number typed on the keypad the caller\'s country code', () => {
    expect(keypadText('612345678', 'phone', 'ES')).toBe('+34612345678');
    expect(keypadText('612345678', 'phone')).toBe('612345678');
    expect(keypadText('2#', 'plain')).toBe('2');
  });

  it('knows which numbers can take an SMS', () => {
    expect(canReceiveSms('+34612345678')).toBe(true);
    expect(canReceiveSms('+12025550123')).toBe(true);
    expect(canReceiveSms('+34912345678')).toBe(false);
    expect(canReceiveSms(null)).toBe(false);
  });
});

describe('text read aloud', () => {
  const words = { degrees: 'degrees' };
  it('drops emoji and markdown, says symbols as words and parentheses as pauses', () => {
    expect(speakable('Your closest aspect: Sun trine Moon (orb 0.3°).', words)).toBe('Your closest aspect: Sun trine Moon, orb 0.3 degrees.');
    expect(speakable('**Welcome!** 🌟 Let\'s go…', words)).toBe("Welcome! Let's go.");
    expect(speakable('# Title\n- one\n- two', words)).toBe('Title. one. two');
  });
});

import { describe, expect, it } from 'vitest';
import { inputTypes } from '../../flows/flow-schema.js';
import { answerParsers } from './index.js';
import { context } from './test-support.js';

const choices = [
  { value: 'a', label: 'a', text: 'Alpha' },
  { value: 'b', label: 'b', text: 'Beta' },
];

describe('answerParsers', () => {
  it('has a parser for every input type of the flow schema', () => {
    expect(Object.keys(answerParsers).sort()).toEqual([...inputTypes].sort());
  });

  it.each(inputTypes)('the %s parser never throws on junk', (type) => {
    const junk = ['', ' ', '\u0000', '😀😀', '%%%%', '<script>', '١٢٣', '\\', '((((', 'null', 'undefined'];
    for (const text of junk) {
      const result = answerParsers[type](text, context('en', {}, { choices }));
      expect(['accepted', 'rejected', 'clarify']).toContain(result.kind);
    }
  });

  // Speed on long input is for benchmarks; here: a long answer gets an answer, not a throw.
  it.each(inputTypes)('the %s parser copes with a very long answer', (type) => {
    for (const text of ['a'.repeat(10_000), '1 '.repeat(5_000), 'seven '.repeat(2_000), 'at '.repeat(3_000)]) {
      const result = answerParsers[type](text, context('en', {}, { choices }));
      expect(['accepted', 'rejected', 'clarify']).toContain(result.kind);
    }
  });
});

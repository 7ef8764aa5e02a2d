import { describe, expect, it } from 'vitest';
import { parseList } from './list.js';
import { context } from './test-support.js';

describe('list parser (free-text items)', () => {
  it.each([
    ['Python, SQL, public speaking', ['Python', 'SQL', 'public speaking']],
    ['Python, SQL and public speaking', ['Python', 'SQL', 'public speaking']],
    ['python and SQL', ['python', 'SQL']],
    ['Python; Go;  Rust.', ['Python', 'Go', 'Rust']],
    ['- Python\n- Go\n', ['Python', 'Go']],
    ['Python, python, PYTHON, Go', ['Python', 'Go']],
    ['Diseño, diseno y Café', ['Diseño', 'Café']],
    ['Research & Development', ['Research & Development']],
    ['cuisine et jardinage', ['cuisine', 'jardinage']],
    ['Kochen und Gartenarbeit', ['Kochen', 'Gartenarbeit']],
    ['cozinhar e jardinagem', ['cozinhar', 'jardinagem']],
    ['खाना बनाना और बागवानी', ['खाना बनाना', 'बागवानी']],
  ])('%j -> %j', (text, items) => {
    expect(parseList(text, context('en'))).toEqual({ kind: 'accepted', value: items });
  });

  it('refuses an empty list, too many items and an item that is too long', () => {
    expect(parseList(' , ; ', context('en'))).toEqual({ kind: 'rejected', reason: { key: 'parsers:list.too_few', vars: { count: 1 } } });
    expect(parseList('a, b, c', context('en', { max_items: 2 }))).toEqual({ kind: 'rejected', reason: { key: 'parsers:list.too_many', vars: { count: 2 } } });
    expect(parseList('a, b', context('en', { min_items: 3 }))).toMatchObject({ kind: 'rejected', reason: { key: 'parsers:list.too_few' } });
    expect(parseList(`Go, ${'x'.repeat(61)}`, context('en'))).toMatchObject({ kind: 'rejected', reason: { key: 'parsers:list.item_too_long', vars: { max: 60 } } });
    expect(parseList('abcdef', context('en', { max_length: 5 }))).toMatchObject({ kind: 'rejected', reason: { key: 'parsers:list.item_too_long' } });
  });
});

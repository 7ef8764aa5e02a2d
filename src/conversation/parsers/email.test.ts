import { describe, expect, it } from 'vitest';
import { parseEmail } from './email.js';
import { context } from './test-support.js';

describe('parseEmail', () => {
  it.each([
    ['en', 'maria.lopez@gmail.com', 'maria.lopez@gmail.com'],
    ['en', 'Maria.Lopez@Example.COM', 'maria.lopez@example.com'],
    ['en', 'my email is maria dot lopez at gmail dot com', 'maria.lopez@gmail.com'],
    ['en', "sure, it's <maria@example.org> thanks", 'maria@example.org'],
    ['en', 'maria underscore lopez at example dot co dot uk', 'maria_lopez@example.co.uk'],
    ['es', 'maria punto lopez arroba gmail punto com', 'maria.lopez@gmail.com'],
    ['es', 'mi correo es ana arroba hotmail punto es', 'ana@hotmail.es'],
    ['fr', 'marie arobase orange point fr', 'marie@orange.fr'],
    ['de', 'anna punkt schmidt at web punkt de', 'anna.schmidt@web.de'],
    ['pt', 'joao arroba uol ponto com ponto br', 'joao@uol.com.br'],
    ['hi', 'priya एट gmail डॉट com', 'priya@gmail.com'],
    ['hi', 'मेरा ईमेल priya@gmail.com है', 'priya@gmail.com'],
    ['hi', 'priya at the rate gmail dot com', 'priya@gmail.com'],
  ])('%s reads "%s"', (language, text, value) => {
    expect(parseEmail(text, context(language))).toEqual({ kind: 'accepted', value });
  });

  it('confirms a dictated address whose words were joined', () => {
    expect(parseEmail('maria lopez at gmail dot com', context('en'))).toEqual({
      kind: 'clarify',
      question: { key: 'parsers:email.confirm', vars: { email: 'marialopez@gmail.com' } },
      options: [{ label: 'marialopez@gmail.com', value: 'marialopez@gmail.com' }],
    });
  });

  it('suggests the popular domain for a near miss', () => {
    const result = parseEmail('maria@gmial.com', context('en'));
    expect(result.kind === 'clarify' && result.options[0]?.value).toBe('maria@gmail.com');
  });

  it.each([
    ['hello', 'parsers:email.unreadable'],
    ['', 'parsers:email.unreadable'],
    ['maria@gmail', 'parsers:email.invalid'],
    ['maria..lopez@gmail.com', 'parsers:email.invalid'],
    ['maria@@gmail.com', 'parsers:email.invalid'],
    ['a@b.com and c@d.com', 'parsers:email.several'],
  ])('refuses "%s"', (text, key) => {
    const result = parseEmail(text, context('en'));
    expect(result.kind).toBe('rejected');
    expect(result.kind === 'rejected' && result.reason.key).toBe(key);
  });
});

describe('parseEmail never stores another address than the one typed (issue 19)', () => {
  it.each(['"foo"bar@gmail.com', 'just"not"right@example.com', 'email@[123.123.123.123]', '"email"@example.com',
    'email@111.222.333.44444', 'Abc..123@example.com', 'email@example..com', '#@%^%#$@#$@#.com', 'email@-example.com'])(
    'refuses "%s"',
    (text) => {
      expect(parseEmail(text, context('en')).kind).toBe('rejected');
    },
  );

  it.each([
    ['test1@invalid.co m', 'test1@invalid.co'],
    ['email@example.com (Joe Smith)', 'email@example.com'],
    ['Joe Smith <email@example.com>', 'email@example.com'],
    ['foo bar@gmail.com', 'bar@gmail.com'],
  ])('asks before taking "%s" as %s', (text, value) => {
    const result = parseEmail(text, context('en'));
    expect(result.kind).toBe('clarify');
    expect(result.kind === 'clarify' && result.options.map((o) => o.value)).toEqual([value]);
  });

  it.each(['firstname+lastname@example.com', '1234567890@example.com', '_______@example.com', 'あいうえお@example.com'])(
    'accepts "%s" as typed',
    (text) => {
      expect(parseEmail(text, context('en'))).toEqual({ kind: 'accepted', value: text.toLowerCase() });
    },
  );
});

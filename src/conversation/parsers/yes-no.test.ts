import { describe, expect, it } from 'vitest';
import { parseYesNo } from './yes-no.js';
import { context } from './test-support.js';

describe('parseYesNo', () => {
  it.each([
    ['en', ['yes', 'Yep!', 'sure', 'of course', 'ok', 'yesss', 'Yes please', '1']],
    ['es', ['sí', 'si', 'claro', 'sí, claro', 'por supuesto', 'vale']],
    ['fr', ['oui', 'bien sûr', "d'accord", 'ouais']],
    ['de', ['ja', 'klar', 'genau', 'ja, gerne']],
    ['pt', ['sim', 'claro que sim', 'com certeza', 'isso']],
    ['hi', ['हाँ', 'हां', 'haan', 'जी हाँ', 'theek hai', 'bilkul']],
  ])('%s reads yes', (language, texts) => {
    for (const text of texts) expect(parseYesNo(text, context(language)), text).toEqual({ kind: 'accepted', value: true });
  });

  it.each([
    ['en', ['no', 'nope', 'No thanks', 'not at all', "I don't think so", '2', 'nooo']],
    ['es', ['no', 'claro que no', 'para nada']],
    ['fr', ['non', 'non merci', 'pas du tout']],
    ['de', ['nein', 'nein danke', 'auf keinen Fall', 'nee']],
    ['pt', ['não', 'nao', 'de jeito nenhum']],
    ['hi', ['नहीं', 'nahi', 'nahin', 'जी नहीं']],
  ])('%s reads no', (language, texts) => {
    for (const text of texts) expect(parseYesNo(text, context(language)), text).toEqual({ kind: 'accepted', value: false });
  });

  it.each(['maybe', 'yes and no', 'no sé', 'je ne sais pas', 'पता नहीं', '', 'banana', '3', 'peut-être'])(
    'refuses "%s"',
    (text) => {
      expect(parseYesNo(text, context('en'))).toEqual({ kind: 'rejected', reason: { key: 'parsers:yes_no.unclear' } });
    },
  );
});

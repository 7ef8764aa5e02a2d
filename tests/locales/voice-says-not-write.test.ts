import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** A caller cannot write: no message said on the phone (`*_voice`) asks them to (issue 19). */
const WRITE = /\bwrite|escrib|écri|ecri|schreib|escrev|लिखें|लिखिए|लिखो/iu;

function strings(value: unknown, path: string[] = []): Array<[string, string]> {
  if (typeof value === 'string') return [[path.join('.'), value]];
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, v]) => strings(v, [...path, key]));
  return [];
}

describe.each(readdirSync('locales'))('voice messages in %s', (language) => {
  it('never tell the caller to write', () => {
    const said = readdirSync(join('locales', language))
      .filter((file) => file.endsWith('.json'))
      .flatMap((file) => strings(JSON.parse(readFileSync(join('locales', language, file), 'utf8')), [file]))
      // voice.json also holds the text messages a call sends (…sms…): those are read, and may say "reply".
      .filter(([key]) => (/_voice(?:_|$)/u.test(key) || key.startsWith('voice.json')) && !/sms/iu.test(key));
    expect(said.length).toBeGreaterThan(0);
    expect(said.filter(([, text]) => WRITE.test(text))).toEqual([]);
  });
});

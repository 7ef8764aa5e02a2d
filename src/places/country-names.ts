import { normalizePlaceName } from './normalize-place-name.js';

/** Languages whose country names are accepted as qualifiers ("Madrid, España", "München, Deutschland"). */
const LANGUAGES = ['en', 'es', 'fr', 'de', 'pt', 'hi'] as const;

/** Common ways of naming a country that the ICU display names do not cover. */
const ALIASES: ReadonlyArray<readonly [string, string]> = [
  ['usa', 'US'],
  ['u s a', 'US'],
  ['u s', 'US'],
  ['america', 'US'],
  ['united states of america', 'US'],
  ['the united states', 'US'],
  ['eeuu', 'US'],
  ['ee uu', 'US'],
  ['estados unidos de america', 'US'],
  ['uk', 'GB'],
  ['u k', 'GB'],
  ['britain', 'GB'],
  ['great britain', 'GB'],
  ['england', 'GB'],
  ['scotland', 'GB'],
  ['wales', 'GB'],
  ['northern ireland', 'GB'],
  ['inglaterra', 'GB'],
  ['escocia', 'GB'],
  ['gran bretana', 'GB'],
  ['holland', 'NL'],
  ['holanda', 'NL'],
  ['the netherlands', 'NL'],
  ['uae', 'AE'],
  ['czech republic', 'CZ'],
  ['republica checa', 'CZ'],
  ['south korea', 'KR'],
  ['corea del sur', 'KR'],
  ['russia', 'RU'],
  ['rusia', 'RU'],
  ['ivory coast', 'CI'],
  ['burma', 'MM'],
  ['bharat', 'IN'],
];

/**
 * Maps a normalized country qualifier to ISO alpha-2 codes: the code itself ("es"), the alpha-3 code
 * ("esp"), the name in any supported language (ICU display names) and a few aliases.
 */
export function buildCountryNames(codes: Iterable<string>, alpha3: ReadonlyMap<string, string>): Map<string, Set<string>> {
  const names = new Map<string, Set<string>>();
  const add = (name: string, code: string): void => {
    const key = normalizePlaceName(name);
    if (!key) return;
    const set = names.get(key) ?? new Set<string>();
    set.add(code);
    names.set(key, set);
  };
  const displays = LANGUAGES.map((lng) => new Intl.DisplayNames([lng], { type: 'region', fallback: 'none' }));
  for (const code of codes) {
    add(code, code);
    const three = alpha3.get(code);
    if (three) add(three, code);
    for (const display of displays) {
      const name = display.of(code);
      if (name) add(name, code);
    }
  }
  for (const [alias, code] of ALIASES) add(alias, code);
  return names;
}

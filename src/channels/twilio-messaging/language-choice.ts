import { parsePhoneNumberFromString } from 'libphonenumber-js';

// Countries by main language, for the languages this service has locales for. A number from elsewhere gets
// the flow's first language; the person can switch by naming another ("English", "español").
const LANGUAGE_BY_COUNTRY: Readonly<Record<string, string>> = {
  ...Object.fromEntries(
    ['ES', 'MX', 'AR', 'CO', 'CL', 'PE', 'VE', 'EC', 'GT', 'CU', 'BO', 'DO', 'HN', 'PY', 'SV', 'NI', 'CR', 'PA', 'UY', 'PR', 'GQ'].map((c) => [c, 'es']),
  ),
  ...Object.fromEntries(['BR', 'PT', 'AO', 'MZ', 'CV', 'GW', 'ST', 'TL'].map((c) => [c, 'pt'])),
  ...Object.fromEntries(['FR', 'MC', 'SN', 'CI', 'ML', 'BF', 'NE', 'GN', 'BJ', 'TG', 'CD', 'CG', 'GA', 'CM', 'MG', 'HT'].map((c) => [c, 'fr'])),
  ...Object.fromEntries(['DE', 'AT', 'LI'].map((c) => [c, 'de'])),
  ...Object.fromEntries(['US', 'GB', 'IE', 'CA', 'AU', 'NZ', 'IN', 'ZA', 'NG', 'KE', 'GH', 'JM', 'SG', 'PH'].map((c) => [c, 'en'])),
};

/** The language to greet a number in: its country's, when the flow offers it, else the flow's first. */
export function guessLanguage(phoneNumber: string, offered: readonly string[]): string {
  const country = parsePhoneNumberFromString(phoneNumber)?.country;
  const language = country ? LANGUAGE_BY_COUNTRY[country] : undefined;
  return language && offered.includes(language) ? language : (offered[0] ?? 'en');
}

const normalize = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/^[\p{P}\s]+|[\p{P}\s]+$/gu, '')
    .toLowerCase();

/**
 * The offered language a message names, if the whole message is that language's own name ("English",
 * "español", "français", accents and case aside), from the runtime's ICU data; null otherwise. Only the
 * languages' own names count: names in other languages collide with answers ("Frances" is Portuguese for
 * French, "German" a first name).
 */
export function languageNamed(text: string, offered: readonly string[]): string | null {
  const said = normalize(text);
  if (said.length < 3 || said.length > 30) return null;
  return offered.find((language) => ownName(language) === said) ?? null;
}

/** A language's own name, normalized; ICU is asked once per language (an Intl.DisplayNames is costly to make). */
const ownNames = new Map<string, string>();
function ownName(language: string): string {
  let name = ownNames.get(language);
  if (name === undefined) {
    name = normalize(new Intl.DisplayNames([language], { type: 'language' }).of(language) ?? '');
    ownNames.set(language, name);
  }
  return name;
}

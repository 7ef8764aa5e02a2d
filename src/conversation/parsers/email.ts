import { accepted, rejected, type AnswerParser, type ParseResult } from './parser-types.js';
import { editDistance } from './edit-distance.js';
import { escapeRegExp } from './normalize.js';

/**
 * Spoken or dictated spellings of the symbols of an address, in the six languages (speech-to-text
 * and SMS users write "maria dot lopez at gmail dot com"). Longest first so "at the rate" wins over "at".
 */
const spoken: Array<[string, string[]]> = [
  ['@', ['at the rate of', 'at the rate', 'at sign', 'at', 'arroba', 'arobase', 'arrobe', 'ät', 'klammeraffe',
    'एट द रेट', 'ऐट द रेट', 'एट', 'ऐट', 'एट दी रेट']],
  ['.', ['dot', 'punto', 'point', 'punkt', 'ponto', 'डॉट', 'डॉट', 'डाट']],
  ['_', ['underscore', 'guion bajo', 'guión bajo', 'tiret bas', 'unterstrich', 'underline', 'sublinhado', 'अंडरस्कोर']],
  ['-', ['dash', 'hyphen', 'guion', 'guión', 'tiret', 'bindestrich', 'hífen', 'hifen', 'traço', 'डैश']],
];

const spokenPatterns = spoken.flatMap(([symbol, words]) =>
  [...words]
    .sort((a, b) => b.length - a.length)
    .map((word) => ({ symbol, pattern: new RegExp(`(?<![\\p{L}\\p{M}])${escapeRegExp(word)}(?![\\p{L}\\p{M}])`, 'gu') })),
);

/** Lead-ins people put before the address ("my email is", "mi correo es"); removed from the start only. */
const leadIn = [
  "(?:my )?e-?mail(?: address)? is", "it's", 'it is', 'this is', 'here it is', 'sure', 'ok', 'yes', 'e-?mail',
  'mi (?:correo|email|e-mail|mail)(?: electr[oó]nico)? es', 'es', 'correo', 'claro',
  'mon (?:adresse )?(?:e-?mail|courriel|mail) est', "c'est", 'courriel', 'oui',
  'meine (?:e-?mail|mail)(?:-?adresse)? (?:ist|lautet)', 'ist', 'lautet', 'ja',
  'meu (?:e-?mail|email) [eé]', 'é', 'sim', 'मेरा (?:ई-?मेल|मेल|ईमेल)(?: आईडी)?(?: है)?', 'ईमेल', 'mera (?:e-?mail|mail)(?: id)?(?: hai)?',
].join('|');
const LEAD_INS = new RegExp(`^(?:(?:${leadIn})(?![\\p{L}\\p{M}])[\\s,:]*)+`, 'iu');

const EMAIL = /[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;

/** Domains people mistype most; a near miss gets a "did you mean" instead of a silent bounce later. */
const popularDomains = [
  'gmail.com', 'yahoo.com', 'hotmail.com', 'outlook.com', 'icloud.com', 'live.com', 'aol.com', 'protonmail.com',
  'yahoo.es', 'hotmail.es', 'yahoo.fr', 'hotmail.fr', 'orange.fr', 'free.fr', 'laposte.net', 'gmx.de', 'web.de',
  't-online.de', 'gmx.net', 'uol.com.br', 'bol.com.br', 'terra.com.br', 'sapo.pt', 'rediffmail.com', 'yahoo.co.in',
];

function wellFormed(address: string): boolean {
  const [local = '', domain = ''] = address.split('@');
  if (local.length === 0 || local.length > 64 || address.length > 254) return false;
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) return false;
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  if (!labels.every((l) => /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u.test(l))) return false;
  return /^\p{L}{2,}$/u.test(labels[labels.length - 1] ?? '');
}

function suggestion(address: string): string | null {
  const [local, domain = ''] = address.split('@');
  if (popularDomains.includes(domain)) return null;
  const near = popularDomains.filter((d) => editDistance(d, domain) <= (d.length > 8 ? 2 : 1));
  return near.length === 1 ? `${local}@${near[0]}` : null;
}

function confirm(address: string): ParseResult {
  return {
    kind: 'clarify',
    question: { key: 'parsers:email.confirm', vars: { email: address } },
    options: [{ label: address, value: address }],
  };
}

/** Replaces spoken symbols and closes the gaps around them ("maria . lopez @ gmail . com"). */
function unspeak(text: string): string {
  let out = text;
  for (const { symbol, pattern } of spokenPatterns) out = out.replace(pattern, ` ${symbol} `);
  return out.replace(/\s*([@._-])\s*/g, '$1');
}

function checked(address: string, guessed: boolean): ParseResult {
  if (!wellFormed(address)) return rejected('parsers:email.invalid', { email: address });
  const better = suggestion(address);
  if (better) return confirm(better);
  // Spaces were removed to join a dictated address: right most of the time, but worth a "right?".
  return guessed ? confirm(address) : accepted(address);
}

/** An email address, lower-cased; written, pasted inside a sentence, or dictated ("arroba", "punto"). */
export const parseEmail: AnswerParser = (text) => {
  const lower = text.toLowerCase().normalize('NFC').replace(/[<>()"“”«»]/g, ' ').trim();
  const written = [...new Set(lower.match(EMAIL) ?? [])].map((a) => a.replace(/[.'-]+$/, ''));
  if (written.length === 1 && written[0]) return checked(written[0], false);
  if (written.length > 1) return rejected('parsers:email.several');

  const spokenForm = unspeak(lower.replace(/[,;:!?]+/g, ' ').replace(/\.$/, '').replace(LEAD_INS, '').trim());
  const parts = spokenForm.split('@');
  if (parts.length < 2) return rejected('parsers:email.unreadable');
  if (parts.length > 2) return rejected('parsers:email.invalid', { email: spokenForm });
  // The domain is the first word after "@" (words after it are "thanks", not address); the local part
  // may have been spelled out letter by letter, so its words are joined, and confirmed.
  const [local = '', rest = ''] = parts;
  const domain = rest.trim().split(' ')[0] ?? '';
  const joinedLocal = local.trim().replace(/\s+/g, '');
  return checked(`${joinedLocal}@${domain}`, joinedLocal !== local.trim());
};

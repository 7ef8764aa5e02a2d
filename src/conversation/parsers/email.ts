import { accepted, rejected, type AnswerParser, type ParseResult } from './parser-types.js';
import { editDistance } from './edit-distance.js';
import { escapeRegExp } from './normalize.js';
import { isPlainAddress, unwrapAddress } from './email-address.js';

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

/** Domains people mistype most; a near miss gets a "did you mean" instead of a silent bounce later. */
const popularDomains = [
  'gmail.com', 'yahoo.com', 'hotmail.com', 'outlook.com', 'icloud.com', 'live.com', 'aol.com', 'protonmail.com',
  'yahoo.es', 'hotmail.es', 'yahoo.fr', 'hotmail.fr', 'orange.fr', 'free.fr', 'laposte.net', 'gmx.de', 'web.de',
  't-online.de', 'gmx.net', 'uol.com.br', 'bol.com.br', 'terra.com.br', 'sapo.pt', 'rediffmail.com', 'yahoo.co.in',
];

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

/** Courtesy words after the address ("... thanks"), which leave it the whole answer. */
const TRAILING = new RegExp(
  `[\\s,.;:!]*(?:${['thanks', 'thank you', 'thx', 'please', 'gracias', 'por favor', 'merci', "s'il vous plait", 'danke', 'bitte',
    'obrigado', 'obrigada', 'dhanyavad', 'धन्यवाद', 'है', 'hai', 'ist'].join('|')})?[\\s.!]*$`,
  'iu',
);

function checked(address: string, guessed: boolean): ParseResult {
  if (!isPlainAddress(address)) return rejected('parsers:email.invalid', { email: address });
  const better = suggestion(address);
  if (better) return confirm(better);
  // Spaces were removed to join a dictated address: right most of the time, but worth a "right?".
  return guessed ? confirm(address) : accepted(address);
}

/**
 * The typed address: the one word with an "@", its wrapping punctuation trimmed, taken as it is or not at
 * all (never a piece of it). Other words than a lead-in or a "thanks" make it a question: "test1@invalid.co m"
 * or "foo bar@gmail.com" may be an address typed with a space.
 */
function typed(lower: string): ParseResult | null {
  const tokens = lower.split(/\s+/).filter((t) => t.length > 0);
  // "maria @ gmail . com": spaced like a dictated address, read as one below.
  if (tokens.some((t) => t.startsWith('@') || t.endsWith('@'))) return null;
  const withAt = [...new Set(tokens.filter((t) => t.includes('@')).map(unwrapAddress))];
  if (withAt.length === 0) return null;
  if (withAt.length > 1) return rejected('parsers:email.several');
  const address = withAt[0] ?? '';
  const index = tokens.findIndex((t) => unwrapAddress(t) === address);
  const before = tokens.slice(0, index).join(' ').replace(/[,:;]+/g, ' ').replace(LEAD_INS, '').trim();
  const after = tokens.slice(index + 1).join(' ').replace(TRAILING, '');
  return checked(address, before.length > 0 || after.length > 0);
}

/** An email address, lower-cased; written, pasted inside a sentence, or dictated ("arroba", "punto"). */
export const parseEmail: AnswerParser = (text) => {
  const lower = text.toLowerCase().normalize('NFC').trim();
  const written = typed(lower);
  if (written) return written;

  const spokenForm = unspeak(lower.replace(/[<>()"“”«»,;:!?]+/g, ' ').replace(/\.$/, '').replace(LEAD_INS, '').trim());
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

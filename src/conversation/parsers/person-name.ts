/**
 * A person's name: letters of any script (with their combining marks, so Devanagari names keep their vowel
 * signs), spaces, apostrophes and hyphens, at least one letter. Digits, emoji, markup, dates and symbols are
 * not a name. A full stop or exclamation mark ending the message is dropped ("Ana.").
 */
const NAME = /^\p{L}[\p{L}\p{M}]*(?:(?: ?['’-] ?| )?[\p{L}\p{M}]+)*$/u;

export function readPersonName(text: string): string | null {
  const name = text.replace(/[.!]+$/u, '').trim();
  return NAME.test(name) ? name : null;
}

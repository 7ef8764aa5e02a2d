import emailAddresses from 'email-addresses';

/**
 * Whether a string is one plain email address as a person types it, checked by an RFC 5322 parser
 * (`email-addresses`, with RFC 6532 for letters of any script) and then held to what mail providers
 * actually hand out: no display name, comment, quoted local part or address literal, a domain with a
 * dot and a top-level domain of letters.
 */

const ATOM = "[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+";
const LOCAL = new RegExp(`^${ATOM}(?:\\.${ATOM})*$`, 'u');
const LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u;

export function isPlainAddress(address: string): boolean {
  if (address.length > 254) return false;
  const parsed = emailAddresses.parseOneAddress({ input: address, rfc6532: true, rejectTLD: true });
  if (!parsed || parsed.type !== 'mailbox' || parsed.name !== null || parsed.address !== address) return false;
  const { local, domain } = parsed;
  if (local.length === 0 || local.length > 64 || !LOCAL.test(local)) return false;
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label))) return false;
  return /^\p{L}{2,}$/u.test(labels[labels.length - 1] ?? '');
}

/** Punctuation people put around an address ("<maria@example.org>", "maria@example.org."), trimmed off its ends. */
export function unwrapAddress(token: string): string {
  return token.replace(/^[<([{«“"']+/u, '').replace(/[>)\]}»”"'.,;:!?]+$/u, '');
}

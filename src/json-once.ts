/**
 * The JSON text of an object, made once and kept with it (by identity, in a WeakMap that lets it go with the
 * object). A turn's reply is written twice: into the commit (the inbox keeps it for a repeated message) and as
 * the HTTP response. Both take its text from here, so it is serialised once per turn (issue 21: the last turn's
 * reply, with its birth chart, is about 3 KB and 14 µs of JSON.stringify). An object given here must not change
 * afterwards: it is frozen (its top level) so that a later assignment throws instead of leaving stale text.
 */
const texts = new WeakMap<object, string>();

export function jsonOnce(value: object): string {
  let text = texts.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    texts.set(value, text);
    Object.freeze(value);
  }
  return text;
}

/**
 * jsonOnce of an object whose last property (`key`) holds an object serialised on its own as well: a finished
 * turn's reply ends with its profile, which the commit also writes by itself (about 2.7 KB of a birth chart's
 * numbers, 10 µs of JSON.stringify). The member's text comes from jsonOnce, so both texts share one serialisation.
 * Any other shape (the key missing or not last, a toJSON method) is plain jsonOnce.
 */
export function jsonOnceSharing(value: object, key: string): string {
  const known = texts.get(value);
  if (known !== undefined) return known;
  const record = value as Record<string, unknown>;
  const member = record[key];
  const keys = Object.keys(record);
  if (member === null || typeof member !== 'object' || keys.at(-1) !== key || typeof record.toJSON === 'function') return jsonOnce(value);
  const { [key]: _member, ...head } = record;
  const headText = JSON.stringify(head);
  const memberText = `${JSON.stringify(key)}:${jsonOnce(member)}`;
  const text = headText === '{}' ? `{${memberText}}` : `${headText.slice(0, -1)},${memberText}}`;
  texts.set(value, text);
  Object.freeze(value);
  return text;
}

/** The text jsonOnce made for this value, or JSON.stringify's: what Fastify sends for a JSON reply. */
export function jsonOf(value: unknown): string {
  const known = value !== null && typeof value === 'object' ? texts.get(value) : undefined;
  return known ?? JSON.stringify(value);
}

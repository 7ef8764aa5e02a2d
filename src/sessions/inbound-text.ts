const UNSTORABLE = /\p{Cc}|[\uD800-\uDFFF]/u;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text as a person sent it, made safe to store: PostgreSQL refuses U+0000 in text and jsonb, and a lone UTF-16
 * surrogate (half of an emoji, cut by a client) cannot be encoded at all. NUL is dropped and a lone surrogate
 * becomes U+FFFD, so such a message is answered like any other instead of failing the turn.
 */
export function storableText(text: string): string {
  // Fast path: nearly every message has neither (a control character or any surrogate).
  if (!UNSTORABLE.test(text)) return text;
  return text.replaceAll(String.fromCharCode(0), '').replace(LONE_SURROGATE, '\uFFFD');
}

/** The same for every string inside a form's data (objects and arrays included). */
export function storableData<T>(value: T): T {
  if (typeof value === 'string') return storableText(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => storableData(item)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [storableText(key), storableData(item)])) as T;
  }
  return value;
}

/** A random UUID v4 for one user message; reused when the same message is retried. */
export function newMessageId(): string {
  const bytes = new Uint8Array(16);
  // crypto.randomUUID needs a secure context; getRandomValues also works on plain-http host pages.
  crypto.getRandomValues(bytes);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

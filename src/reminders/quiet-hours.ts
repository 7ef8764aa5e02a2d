/** Quiet hours as `HH:MM-HH:MM` in the person's local time; the range may wrap midnight (21:00-09:00). */
export interface QuietHours {
  /** Minutes after local midnight. */
  start: number;
  end: number;
}

/** Reads `HH:MM-HH:MM`; throws on anything else (the config validates it first). */
export function parseQuietHours(text: string): QuietHours {
  const match = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  if (!match) throw new Error(`quiet hours must look like 21:00-09:00, not "${text}"`);
  const [, h1, m1, h2, m2] = match.map(Number) as [number, number, number, number, number];
  return { start: h1 * 60 + m1, end: h2 * 60 + m2 };
}

/** Minutes after midnight of `at` on the wall clock of `timeZone`. */
function localMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const value = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return value('hour') * 60 + value('minute');
}

const DAY = 24 * 60;

function inside(minutes: number, quiet: QuietHours): boolean {
  if (quiet.start === quiet.end) return false;
  return quiet.start < quiet.end ? minutes >= quiet.start && minutes < quiet.end : minutes >= quiet.start || minutes < quiet.end;
}

/**
 * The first moment at or after `due` outside quiet hours in `timeZone`: `due` itself when it is outside them,
 * else the end of the quiet hours (the morning), on the local wall clock even across a daylight-saving change.
 */
export function outsideQuietHours(due: Date, timeZone: string, quiet: QuietHours): Date {
  const minutes = localMinutes(due, timeZone);
  if (!inside(minutes, quiet)) return due;
  const wait = (quiet.end - minutes + DAY) % DAY;
  let at = Math.floor(due.getTime() / 60_000) * 60_000 + wait * 60_000;
  // A daylight-saving change during the wait moves the wall clock: correct by how far it lands from the end.
  const drift = ((localMinutes(new Date(at), timeZone) - quiet.end + DAY + DAY / 2) % DAY) - DAY / 2;
  at -= drift * 60_000;
  for (let i = 0; i < 120 && inside(localMinutes(new Date(at), timeZone), quiet); i++) at += 60_000;
  return new Date(at);
}

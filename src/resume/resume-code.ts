/** The alphabet of resume codes (public.onboarding_new_resume_code): no 0/O, 1/I/L look-alikes. */
const CODE = /^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{7}$/;

/**
 * The resume code a message is, or null: one word of seven characters from the code alphabet, in any case,
 * optionally split by one hyphen or space ("abc-defg"). Anything longer is an answer, never a code.
 */
export function resumeCodeIn(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed.length > 9) return null;
  const code = trimmed.replace(/^(\w+)[-\s](\w+)$/, '$1$2').toUpperCase();
  return CODE.test(code) ? code : null;
}

/**
 * Counts wrong codes per sender (a number, an IP) in a sliding hour, so codes cannot be found by guessing: after
 * `max` misses, further codes from that sender are not looked up until the oldest miss is an hour old. Per
 * process: with N processes a sender gets at most N * max tries an hour, still nothing against 27 billion codes.
 */
export class GuessLimiter {
  private readonly misses = new Map<string, number[]>();

  constructor(
    private readonly max: number,
    private readonly clock: () => Date,
    private readonly windowMs = 60 * 60 * 1000,
  ) {}

  /** Whether this sender may try a code now. */
  allows(sender: string): boolean {
    return this.recent(sender).length < this.max;
  }

  /** Records a wrong code. */
  miss(sender: string): void {
    const recent = this.recent(sender);
    recent.push(this.clock().getTime());
    this.misses.set(sender, recent);
    if (this.misses.size > 100_000) this.misses.delete(this.misses.keys().next().value as string);
  }

  private recent(sender: string): number[] {
    const since = this.clock().getTime() - this.windowMs;
    return (this.misses.get(sender) ?? []).filter((at) => at > since);
  }
}

import { describe, expect, it } from 'vitest';
import { oneEditVariants } from './one-edit-variants.js';

describe('oneEditVariants', () => {
  const variants = oneEditVariants('madird');

  it('covers a swap of neighbours, a deletion, an insertion and a substitution', () => {
    expect(variants.has('madrid')).toBe(true); // swap
    expect(variants.has('madid')).toBe(true); // deletion
    expect(variants.has('madirds')).toBe(true); // insertion
    expect(variants.has('madira')).toBe(true); // substitution
    expect(variants.has('mad ird')).toBe(true); // a space inserted
  });

  it('never includes the word itself nor anything two edits away', () => {
    expect(variants.has('madird')).toBe(false);
    expect(variants.has('madrdi')).toBe(false);
    expect(oneEditVariants('ab').has('ba')).toBe(true);
    expect(oneEditVariants('abc').has('cab')).toBe(false);
  });
});

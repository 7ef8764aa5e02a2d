import { describe, expect, it } from 'vitest';
import { createLocalizer } from '../i18n/create-i18n.js';
import { keysOfFlow, missingFlowTranslations } from './check-flow-translations.js';
import { loadFlows } from './load-flows.js';

describe('flow translations', () => {
  const localizer = createLocalizer('locales');
  const flows = loadFlows('flows');

  it('every flow has every text it can say in each of its languages', () => {
    expect(missingFlowTranslations(flows.values(), localizer)).toEqual([]);
  });

  it('catches a missing key', () => {
    const instant = flows.get('instant-birth-chart');
    if (!instant) throw new Error('instant flow missing');
    const broken = { ...instant, definition: { ...instant.definition, languages: ['en', 'es', 'zz'] } };
    const missing = missingFlowTranslations([broken], localizer);
    expect(missing).toContain('instant-birth-chart zz: instant-birth-chart:name.prompt');
    expect(keysOfFlow(instant)).toContain('instant-birth-chart:greeting');
  });

  it('English and Spanish common texts have the same keys', () => {
    const keys = (lng: string) => Object.keys(flatten(localizer.instance.getResourceBundle(lng, 'common') as Record<string, unknown>)).sort();
    expect(keys('es')).toEqual(keys('en'));
  });
});

function flatten(value: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(value).flatMap(([key, inner]) =>
      inner && typeof inner === 'object' && !Array.isArray(inner)
        ? Object.entries(flatten(inner as Record<string, unknown>, `${prefix}${key}.`))
        : [[`${prefix}${key}`, inner]],
    ),
  );
}

import en from '../../locales/en/widget.json' with { type: 'json' };
import es from '../../locales/es/widget.json' with { type: 'json' };
import fr from '../../locales/fr/widget.json' with { type: 'json' };
import de from '../../locales/de/widget.json' with { type: 'json' };
import pt from '../../locales/pt/widget.json' with { type: 'json' };
import hi from '../../locales/hi/widget.json' with { type: 'json' };

/** A key of the widget namespace; English is the reference file. */
export type WidgetKey = keyof typeof en;

/** Looks up a widget text and fills `{{name}}` placeholders. */
export type Translate = (key: WidgetKey, vars?: Record<string, string | number>) => string;

/** The resolved language, its text direction and its translator. */
export interface WidgetLocale {
  language: string;
  dir: 'ltr' | 'rtl';
  t: Translate;
}

// Bundled at build time: the widget makes no extra request for its own words.
const bundles: Record<string, Partial<Record<WidgetKey, string>>> = { en, es, fr, de, pt, hi };

const RTL_LANGUAGES = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'yi', 'dv', 'ckb']);

/** Picks the first wanted language the widget has words for (exact tag, then its base), else English. */
export function createLocale(wanted: readonly (string | null | undefined)[], dirOverride?: string | null): WidgetLocale {
  let language = 'en';
  for (const tag of wanted) {
    if (!tag) continue;
    const lower = tag.toLowerCase();
    const base = lower.split('-')[0] ?? lower;
    const found = bundles[lower] ? lower : bundles[base] ? base : null;
    if (found) {
      language = found;
      break;
    }
  }
  const base = language.split('-')[0] ?? language;
  const dir = dirOverride === 'rtl' || dirOverride === 'ltr' ? dirOverride : RTL_LANGUAGES.has(base) ? 'rtl' : 'ltr';
  const table = bundles[language] ?? en;
  const t: Translate = (key, vars) => {
    const text = table[key] ?? en[key];
    return vars ? text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => String(vars[name] ?? whole)) : text;
  };
  return { language, dir, t };
}

import { parseChoice } from './choice.js';
import { listItems } from './list.js';
import { normalizeText } from './normalize.js';
import { accepted, rejected, type AnswerParser, type ParseContext } from './parser-types.js';

/** Words that pick every option ("all of them", "todos"...), in the six languages. */
const ALL = new Set([
  'all', 'all of them', 'everything', 'all of the above', 'todos', 'todas', 'todo', 'todos ellos', 'tout', 'tous',
  'toutes', 'tout ca', 'alle', 'alles', 'alle davon', 'todos eles', 'todas elas', 'सब', 'सभी', 'sab', 'sabhi',
]);

type Choice = NonNullable<ParseContext['choices']>[number];

/** The options named anywhere in the text, as whole words (labels, values and synonyms). */
function namedIn(text: string, choices: Choice[]): string[] {
  const padded = ` ${normalizeText(text).replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ')} `;
  return choices
    .filter((choice) =>
      [choice.text, choice.value.replace(/[_-]/g, ' '), ...(choice.synonyms ?? [])]
        .map((name) => normalizeText(name).replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ').trim())
        .some((name) => name !== '' && padded.includes(` ${name} `)),
    )
    .map((choice) => choice.value);
}

/**
 * Several of a step's options in one answer ("yoga, music and travel", "1 and 3", "all of them"): each item is
 * matched like a single choice (labels, synonyms, positions, small typos), or else by the options it names as
 * whole words; an item that matches nothing is refused by name, never dropped. Values come in the options' order.
 */
export const parseMultiChoice: AnswerParser = (text, context) => {
  const choices = context.choices ?? [];
  if (choices.length === 0) return rejected('parsers:choice.unavailable');
  const options = choices.map((c) => c.text).join(', ');
  const picked = new Set<string>();
  if (ALL.has(normalizeText(text).replace(/[.!]+$/u, '').trim())) {
    for (const choice of choices) picked.add(choice.value);
  } else {
    const unknown: string[] = [];
    // "1 3" or "1 2 4": positions separated by spaces only.
    const items = /^[\d\s]+$/u.test(text.trim()) ? text.trim().split(/\s+/u) : listItems(text);
    for (const item of items) {
      const result = parseChoice(item, context);
      if (result.kind === 'accepted' && typeof result.value === 'string') {
        picked.add(result.value);
        continue;
      }
      // "music travel" in one item: every option named in it. An item that names none is never dropped silently.
      const named = namedIn(item, choices);
      if (named.length > 0) for (const value of named) picked.add(value);
      else unknown.push(item);
    }
    if (unknown.length > 0) return rejected('parsers:multi_choice.unknown', { items: unknown.join(', '), options });
  }
  const values = choices.map((choice) => choice.value).filter((value) => picked.has(value));
  const min = context.validation.min_items ?? 1;
  const max = context.validation.max_items ?? choices.length;
  if (values.length < min) return rejected('parsers:multi_choice.too_few', { count: min, options });
  if (values.length > max) return rejected('parsers:multi_choice.too_many', { count: max });
  return accepted(values);
};

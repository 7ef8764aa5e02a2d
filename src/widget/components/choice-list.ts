import { h } from 'preact';
import type { ComponentChild } from 'preact';
import type { Translate } from '../i18n.js';
import type { Choice } from '../transcript.js';

/** Suggested answers as buttons; picking one sends its label as the answer. */
export function ChoiceList({ choices, t, onPick }: { choices: Choice[]; t: Translate; onPick: (c: Choice) => void }): ComponentChild {
  return h(
    'div',
    { class: 'choices', role: 'group', 'aria-label': t('choices_label') },
    choices.map((choice) =>
      h('button', { type: 'button', class: 'choice', key: choice.value, onClick: () => onPick(choice) }, choice.label),
    ),
  );
}

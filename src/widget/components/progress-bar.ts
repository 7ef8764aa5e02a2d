import { h } from 'preact';
import type { ComponentChild } from 'preact';
import type { Progress } from '../api-types.js';
import type { Translate } from '../i18n.js';

/** The flow's progress as an accessible progress bar with a visible "2 of 4" line. */
export function ProgressBar({ progress, t }: { progress: Progress; t: Translate }): ComponentChild {
  const percent = Math.max(0, Math.min(100, Math.round(progress.percent)));
  const text = t('progress_text', { answered: progress.answered, total: progress.total });
  return h(
    'div',
    { class: 'progress' },
    h(
      'div',
      {
        class: 'progress-track',
        role: 'progressbar',
        'aria-label': t('progress_label'),
        'aria-valuemin': 0,
        'aria-valuemax': 100,
        'aria-valuenow': percent,
        'aria-valuetext': text,
      },
      h('div', { class: 'progress-fill', style: { inlineSize: `${percent}%` } }),
    ),
    h('div', { class: 'progress-text', 'aria-hidden': 'true' }, text),
  );
}

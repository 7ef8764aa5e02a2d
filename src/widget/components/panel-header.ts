import { h } from 'preact';
import type { ComponentChild } from 'preact';
import type { Translate } from '../i18n.js';

interface PanelHeaderProps {
  t: Translate;
  canRestart: boolean;
  onRestart: () => void;
  onClose: () => void;
}

/** Title, "start over" and close. */
export function PanelHeader({ t, canRestart, onRestart, onClose }: PanelHeaderProps): ComponentChild {
  return h(
    'div',
    { class: 'header' },
    h('div', { class: 'header-text' }, h('h2', { class: 'title', id: 'ow-title' }, t('title')), h('p', { class: 'subtitle' }, t('subtitle'))),
    canRestart ? h('button', { type: 'button', class: 'restart', onClick: onRestart }, t('start_over')) : null,
    h('button', { type: 'button', class: 'icon-button close', 'aria-label': t('close'), onClick: onClose }, h('span', { 'aria-hidden': 'true' }, '×')),
  );
}

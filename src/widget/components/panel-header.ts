import { h } from 'preact';
import type { ComponentChild } from 'preact';
import type { Translate } from '../i18n.js';

interface PanelHeaderProps {
  t: Translate;
  /** Signed-in mode: a profile onboarding, whose session the server keeps (no "start over"). */
  signedIn: boolean;
  canRestart: boolean;
  onRestart: () => void;
  onClose: () => void;
}

/** Title, "start over" and close. */
export function PanelHeader({ t, signedIn, canRestart, onRestart, onClose }: PanelHeaderProps): ComponentChild {
  return h(
    'div',
    { class: 'header' },
    h(
      'div',
      { class: 'header-text' },
      h('h2', { class: 'title', id: 'ow-title' }, t(signedIn ? 'title_signed_in' : 'title')),
      h('p', { class: 'subtitle' }, t(signedIn ? 'subtitle_signed_in' : 'subtitle')),
    ),
    canRestart && !signedIn ? h('button', { type: 'button', class: 'restart', onClick: onRestart }, t('start_over')) : null,
    h('button', { type: 'button', class: 'icon-button close', 'aria-label': t('close'), onClick: onClose }, h('span', { 'aria-hidden': 'true' }, '×')),
  );
}

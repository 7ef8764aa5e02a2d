import { h } from 'preact';
import type { ComponentChild, Ref } from 'preact';
import type { Translate } from '../i18n.js';

const chatIcon = 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z';
const closeIcon = 'M6 6l12 12M18 6L6 18';

interface LauncherProps {
  open: boolean;
  t: Translate;
  onToggle: () => void;
  buttonRef: Ref<HTMLButtonElement>;
}

/** The round chat bubble that opens and closes the panel. */
export function Launcher({ open, t, onToggle, buttonRef }: LauncherProps): ComponentChild {
  return h(
    'button',
    {
      type: 'button',
      class: 'launcher',
      ref: buttonRef,
      'aria-expanded': open ? 'true' : 'false',
      'aria-controls': 'ow-panel',
      'aria-label': open ? t('launcher_close') : t('launcher_open'),
      onClick: onToggle,
    },
    h(
      'svg',
      { viewBox: '0 0 24 24', 'aria-hidden': 'true', focusable: 'false', fill: 'none', stroke: 'currentColor', 'stroke-width': 2, 'stroke-linecap': 'round', 'stroke-linejoin': 'round' },
      h('path', { d: open ? closeIcon : chatIcon }),
    ),
  );
}

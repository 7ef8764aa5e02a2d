import { h } from 'preact';
import type { ComponentChild, Ref } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { Profile } from '../api-types.js';
import type { Translate } from '../i18n.js';
import type { Choice, TranscriptEntry } from '../transcript.js';
import { ChoiceList } from './choice-list.js';
import { ProfileCard } from './profile-card.js';

interface MessageLogProps {
  entries: TranscriptEntry[];
  busy: boolean;
  unsent: boolean;
  profile: Profile | null;
  t: Translate;
  onPick: (choice: Choice) => void;
  profileHeadingRef: Ref<HTMLHeadingElement>;
}

/**
 * The conversation as a `log` live region: screen readers announce each new line. Choices show only under
 * the latest bot line while nothing is running; the typing dots sit outside the log so they are not read
 * out as messages.
 */
export function MessageLog({ entries, busy, unsent, profile, t, onPick, profileHeadingRef }: MessageLogProps): ComponentChild {
  const scroller = useRef<HTMLDivElement>(null);
  // Follow the conversation; once the profile arrives, show it from the bot's last line (its summary)
  // downwards instead of jumping to the bottom of the card.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const lines = el.querySelectorAll<HTMLElement>('.msg');
    const lastLine = lines[lines.length - 1];
    el.scrollTop = profile && lastLine ? lastLine.offsetTop - 8 : el.scrollHeight;
  }, [entries.length, busy, profile]);
  const last = entries.length - 1;
  return h(
    'div',
    // Focusable so keyboard users can scroll back through a long conversation.
    { class: 'log', ref: scroller, tabIndex: 0, role: 'region', 'aria-label': t('conversation') },
    h(
      'div',
      { class: 'lines', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions' },
      entries.map((entry, i) =>
        h(
          'div',
          { key: i, class: `msg ${entry.from}` },
          h('span', { class: 'sr-only' }, `${entry.from === 'bot' ? t('assistant') : t('you')}: `),
          entry.text,
          unsent && i === last && entry.from === 'user' ? h('span', { class: 'msg-note' }, t('not_sent')) : null,
          entry.choices && i === last && !busy && !profile ? h(ChoiceList, { choices: entry.choices, t, onPick }) : null,
        ),
      ),
    ),
    profile
      ? h(ProfileCard, {
          profile,
          t,
          headingRef: profileHeadingRef,
          // The service often says the summary as its last line; do not read it out twice.
          showSummary: entries[last]?.text !== profile.summary,
        })
      : null,
    busy ? h('div', { class: 'typing', role: 'status' }, h('i', null), h('i', null), h('i', null), h('span', { class: 'sr-only' }, t('typing'))) : null,
  );
}

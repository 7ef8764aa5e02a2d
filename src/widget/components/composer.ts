import { h } from 'preact';
import type { ComponentChild, Ref } from 'preact';
import { useState } from 'preact/hooks';
import type { Translate } from '../i18n.js';

interface ComposerProps {
  t: Translate;
  busy: boolean;
  onSend: (text: string) => void;
  inputRef: Ref<HTMLInputElement>;
  /** Present when the question takes a photo: a file picker sends the chosen picture. */
  onPhoto?: (file: File) => void;
}

/**
 * The answer box. The input stays enabled while a turn runs (a disabled input drops keyboard focus);
 * sending is refused until the turn ends instead.
 */
export function Composer({ t, busy, onSend, inputRef, onPhoto }: ComposerProps): ComponentChild {
  const [text, setText] = useState('');
  const submit = (event: Event): void => {
    event.preventDefault();
    if (busy || !text.trim()) return;
    onSend(text);
    setText('');
  };
  return h(
    'form',
    { class: 'composer', onSubmit: submit },
    h('label', { class: 'sr-only', for: 'ow-input' }, t('input_label')),
    h('input', {
      id: 'ow-input',
      ref: inputRef,
      type: 'text',
      value: text,
      placeholder: t('input_placeholder'),
      autocomplete: 'off',
      enterkeyhint: 'send',
      maxLength: 500,
      onInput: (event: Event) => setText((event.currentTarget as HTMLInputElement).value),
    }),
    onPhoto
      ? h(
          'label',
          { class: 'photo', title: t('photo_label') },
          t('photo'),
          h('input', {
            type: 'file',
            class: 'sr-only',
            accept: 'image/jpeg,image/png,image/webp',
            'aria-label': t('photo_label'),
            disabled: busy,
            onChange: (event: Event) => {
              const input = event.currentTarget as HTMLInputElement;
              const file = input.files?.[0];
              input.value = '';
              if (file) onPhoto(file);
            },
          }),
        )
      : null,
    h('button', { type: 'submit', class: 'primary', 'aria-disabled': busy ? 'true' : 'false' }, t('send')),
  );
}

import { h } from 'preact';
import type { ComponentChild } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ChatController, ChatState } from './chat-controller.js';
import type { WidgetLocale } from './i18n.js';
import { Composer } from './components/composer.js';
import { ErrorBanner } from './components/error-banner.js';
import { Launcher } from './components/launcher.js';
import { MessageLog } from './components/message-log.js';
import { PanelHeader } from './components/panel-header.js';
import { ProgressBar } from './components/progress-bar.js';
import { ContinueElsewhere } from './components/continue-elsewhere.js';

type FocusTarget = 'input' | 'launcher' | 'action' | 'heading' | null;

interface WidgetAppProps {
  controller: ChatController;
  locale: WidgetLocale;
  startOpen: boolean;
  /** Talking to /api/users/me/onboarding as a signed-in user (data-token-function). */
  signedIn?: boolean;
}

function useChatState(controller: ChatController): ChatState {
  const [state, setState] = useState(controller.getState());
  useEffect(() => controller.subscribe(setState), [controller]);
  return state;
}

/** The bubble and the chat panel, with focus moved deliberately as the conversation changes. */
export function WidgetApp({ controller, locale, startOpen, signedIn = false }: WidgetAppProps): ComponentChild {
  const { t, dir, language } = locale;
  const state = useChatState(controller);
  const [open, setOpen] = useState(startOpen);
  const focusNext = useRef<FocusTarget>(startOpen ? 'input' : null);
  const launcherRef = useRef<HTMLButtonElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const actionRef = useRef<HTMLButtonElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (open) void controller.open();
  }, [open, controller]);

  // A new error or a finished profile takes the focus, so keyboard users land on what they need next.
  useLayoutEffect(() => {
    if (open && state.error && state.error.action !== 'none') focusNext.current = 'action';
  }, [state.error]);
  const completed = Boolean(state.profile) || state.status === 'completed';
  useLayoutEffect(() => {
    if (open && completed) focusNext.current = 'heading';
  }, [completed]);

  // Layout effect: focus moves in the same frame as the DOM change, before anyone can type into the void.
  useLayoutEffect(() => {
    const target = focusNext.current;
    if (!target) return;
    const el =
      target === 'launcher'
        ? launcherRef.current
        : target === 'action'
          ? actionRef.current
          : target === 'heading'
            ? headingRef.current ?? inputRef.current
            : inputRef.current ?? headingRef.current;
    if (el) {
      el.focus();
      focusNext.current = null;
    }
  });

  const setPanel = (next: boolean): void => {
    focusNext.current = next ? (completed ? 'heading' : 'input') : 'launcher';
    setOpen(next);
  };
  const send = (text: string, shown?: string): void => {
    focusNext.current = 'input';
    void controller.send(text, shown);
  };
  const retry = (): void => {
    focusNext.current = 'input';
    void controller.retry();
  };
  const restart = (): void => {
    focusNext.current = 'input';
    void controller.startOver();
  };
  const lastEntry = state.entries[state.entries.length - 1];
  // The question being asked takes a photo, and this widget can send one (signed-in mode).
  const photoStep = lastEntry?.from === 'bot' && controller.canSendPhotos() ? lastEntry.photoStep : undefined;
  const sendPhoto = (file: File): void => {
    if (!photoStep) return;
    focusNext.current = 'input';
    void controller.sendPhoto(photoStep, file, file.name);
  };
  const unsent = state.error?.action === 'retry' && lastEntry?.from === 'user';

  return h(
    'div',
    { class: `root${open ? ' panel-open' : ''}`, dir, lang: language },
    // The bubble comes first so Tab goes from it straight into the open panel.
    h(Launcher, { open, t, onToggle: () => setPanel(!open), buttonRef: launcherRef }),
    state.started
      ? h(
          'div',
          {
            id: 'ow-panel',
            class: 'panel',
            role: 'dialog',
            'aria-modal': 'false',
            'aria-labelledby': 'ow-title',
            hidden: !open,
            onKeyDown: (event: KeyboardEvent) => {
              if (event.key === 'Escape') setPanel(false);
            },
          },
          h(PanelHeader, { t, signedIn, canRestart: state.entries.length > 0, onRestart: restart, onClose: () => setPanel(false) }),
          state.progress ? h(ProgressBar, { progress: state.progress, t }) : null,
          h(MessageLog, {
            entries: state.entries,
            busy: state.busy,
            unsent,
            profile: state.profile,
            t,
            onPick: (choice) => send(choice.value, choice.label),
            profileHeadingRef: headingRef,
          }),
          state.error ? h(ErrorBanner, { error: state.error, t, onRetry: retry, onRestart: restart, actionRef }) : null,
          // Once complete there is nothing to answer; "start over" stays in the header.
          completed
            ? null
            : h(Composer, { t, busy: state.busy || controller.blocked(), onSend: send, inputRef, ...(photoStep ? { onPhoto: sendPhoto } : {}) }),
          // Anonymous sessions can go on by SMS or WhatsApp with their code (signed-in ones go by signing in). Last,
          // so the keyboard order stays conversation, then composer.
          !signedIn && !completed && state.entries.length > 0 ? h(ContinueElsewhere, { t, load: () => controller.continueElsewhere() }) : null,
        )
      : null,
  );
}

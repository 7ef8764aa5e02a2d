import { describe, expect, it } from 'vitest';
import { startConversation, advanceConversation } from '../conversation/conversation.js';
import { loadFlows } from '../flows/load-flows.js';
import { createLocalizer } from '../i18n/create-i18n.js';
import { DEFAULT_STEP_SECONDS, statusBody } from './status-view.js';

const runtime = loadFlows('flows').get('user-profile')!;
const localizer = createLocalizer('locales');
const times = { startedAt: new Date('2026-12-01T10:00:00Z'), completedAt: null, skippedAt: null };

describe('the status body of a signed-in onboarding', () => {
  it('before a start: not_started, every step open, the default estimate per question', () => {
    const body = statusBody(runtime, null, { startedAt: null, completedAt: null, skippedAt: null }, localizer.translator('en'));
    expect(body).toMatchObject({ status: 'not_started', current_step: 0, total_steps: 5, progress: { percent: 0, completed_steps: 0 } });
    expect(body.progress.estimated_seconds_remaining).toBe(8 * DEFAULT_STEP_SECONDS);
    expect(body.progress.next_action).toEqual({ key: 'start', step: 'profile', message: 'Start with your profile.' });
  });

  it('counts the measured medians of the questions left, and the default for the others', () => {
    let result = startConversation(runtime);
    for (const [step, value] of [['full_name', 'Ana Lima'], ['bio', null], ['avatar', null], ['skills', ['Go']]] as const) {
      result = advanceConversation(runtime, result.persisted, { type: 'ANSWER', step, value: value as never });
    }
    const medians = new Map([['interests', 12], ['experience', 95.5], ['full_name', 999]]);
    const body = statusBody(runtime, result.state, times, localizer.translator('es'), medians);
    expect(body).toMatchObject({ status: 'in_progress', current_step: 2, progress: { completed_steps: 2, percent: 40 } });
    // interests 12 + experience 95.5 + two preference questions at the default; full_name is done and not counted.
    expect(body.progress.estimated_seconds_remaining).toBe(Math.round(12 + 95.5 + 2 * DEFAULT_STEP_SECONDS));
    expect(body.progress.next_action).toEqual({ key: 'continue', step: 'interests', message: 'Siguiente: intereses.' });
    expect(body.steps.map((s) => s.completed)).toEqual([true, true, false, false, false]);
  });
});

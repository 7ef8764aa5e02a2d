import { describe, expect, it } from 'vitest';
import { loadFlows } from '../flows/load-flows.js';
import { resumingAnswer } from './resuming-answer.js';

const runtime = loadFlows('flows').get('instant-birth-chart');
if (!runtime) throw new Error('instant flow missing');

describe('the message that resumes a paused session', () => {
  it('keeps an answer a parser recognised and a correction of another step', () => {
    const date = { type: 'ANSWER' as const, step: 'birth_date', value: '1990-03-05' };
    expect(resumingAnswer(date, runtime, 'birth_date')).toEqual(date);
    const name = { type: 'ANSWER' as const, step: 'name', value: 'Ana' };
    expect(resumingAnswer(name, runtime, 'birth_time')).toEqual(name);
  });

  it('only resumes on a refusal or free words at a free-text question', () => {
    expect(resumingAnswer({ type: 'INVALID', step: 'birth_date', reason: { key: 'k' } }, runtime, 'birth_date')).toEqual({ type: 'RESUME' });
    expect(resumingAnswer({ type: 'ANSWER', step: 'name', value: 'hello again' }, runtime, 'name')).toEqual({ type: 'RESUME' });
    expect(resumingAnswer({ type: 'ANSWERS', values: { name: 'hello', birth_date: '1990-03-05' } }, runtime, 'name')).toEqual({
      type: 'ANSWERS', values: { birth_date: '1990-03-05' },
    });
  });
});

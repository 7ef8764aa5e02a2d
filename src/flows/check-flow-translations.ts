import type { FlowRuntime } from '../conversation/flow-runtime.js';
import { inNamespace } from '../conversation/translate.js';
import type { Localizer } from '../i18n/create-i18n.js';

/** Keys of the common namespace every flow needs, whatever its steps. */
const COMMON_KEYS = [
  'common:help.command',
  'common:help.offer',
  'common:help.offer_skip',
  'common:back.nothing',
  'common:restart.done',
  'common:skip.not_optional',
  'common:clarify.declined',
  'common:status.generating',
  'common:status.completed',
  'common:status.failed',
  'common:choices.yes',
  'common:choices.no',
  'common:commands.help',
  'common:commands.stop',
  'common:stop.paused',
  'common:stop.resumed',
];

/** The next actions the status API names (src/user-onboarding/status-view.ts). */
export const NEXT_ACTIONS = ['start', 'continue', 'complete', 'resume', 'done'] as const;

/** Every translation key a flow can say, in the flow's namespace or `common`. */
export function keysOfFlow(runtime: FlowRuntime): string[] {
  const flow = runtime.definition;
  const ns = (key: string) => inNamespace(flow.namespace, key);
  const keys = new Set(COMMON_KEYS);
  if (flow.greeting) keys.add(ns(flow.greeting));
  for (const step of flow.steps) {
    keys.add(ns(step.prompt));
    keys.add(step.help ? ns(step.help) : `common:help.${step.type}`);
    for (const choice of step.choices ?? []) keys.add(ns(choice.label));
    for (const field of step.fields ?? []) {
      keys.add(ns(field.prompt));
      for (const choice of field.choices ?? []) keys.add(ns(choice.label));
    }
    if (step.type === 'entries') keys.add('common:entries.more').add('common:entries.yes_or_no');
    if (step.prefill) keys.add('common:prefill.confirm');
    if (step.type === 'image') keys.add('common:image.send_photo').add('common:image.wrong_type').add('common:image.too_large');
  }
  if (flow.nudges) keys.add(ns(flow.nudges.message)).add('common:nudge.link').add('common:nudge.subject');
  keys.add('common:resume.moved').add('common:resume.needs_identity');
  if (flow.skippable) keys.add('common:skip_onboarding.done').add('common:skip_onboarding.resumed');
  else keys.add('common:skip_onboarding.not_allowed');
  // Signed-in flows: the status API names each group and the next action in the person's language.
  if (flow.audience === 'user') {
    for (const group of flow.groups ?? flow.steps) keys.add(ns(`groups.${group.id}`));
    for (const action of NEXT_ACTIONS) keys.add(`common:onboarding.next_action.${action}`);
  }
  return [...keys];
}

/** Keys a flow needs that are missing in one of its languages, as "lng: key". */
export function missingFlowTranslations(flows: Iterable<FlowRuntime>, localizer: Localizer): string[] {
  const missing: string[] = [];
  for (const runtime of flows) {
    for (const language of runtime.definition.languages) {
      for (const key of keysOfFlow(runtime)) {
        if (!localizer.has(language, key)) missing.push(`${runtime.definition.id} ${language}: ${key}`);
      }
    }
  }
  return missing;
}

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

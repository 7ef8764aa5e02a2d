import { checkFlowByNumber } from './channels/twilio-messaging/create-twilio-messaging.js';
import type { Config } from './config.js';
import { groupsOf } from './conversation/flow-groups.js';
import type { FlowRuntime } from './conversation/flow-runtime.js';
import { FlowFileError } from './errors.js';
import { missingFlowTranslations } from './flows/check-flow-translations.js';
import { loadFlows } from './flows/load-flows.js';
import { createLocalizer } from './i18n/create-i18n.js';
import type { OutcomeModule } from './outcomes/outcome-module.js';
import { outcomeModulesFor } from './outcomes/outcome-modules.js';
import { placeIndex } from './places/place-index.js';
import { practitionerGenerator } from './practitioners/practitioner-generator.js';
import { profileGenerators } from './profiles/generators.js';
import type { ProfileGenerator } from './profiles/profile-generator.js';
import { workspaceGenerator, type WorkspaceGeneratorDeps } from './workspaces/workspace-generator.js';

/** The flows with what they need to run: their messages, profile generators and outcome modules. */
export interface CheckedFlows {
  localizer: ReturnType<typeof createLocalizer>;
  flows: ReturnType<typeof loadFlows>;
  generators: ReadonlyMap<string, ProfileGenerator>;
  outcomes: ReturnType<typeof outcomeModulesFor>;
}

/**
 * Loads the flow files and checks, before anything opens, that each can run here: every message translated, the
 * default, user and phone flows what the settings say, a generator for every profile, an outcome module writing
 * exactly each flow's groups, the numbers' flows (TWILIO_FLOW_BY_NUMBER). A broken setup stops the boot with a
 * FlowFileError naming the file. Loads the gazetteer now (about half a second) when a flow asks for a place.
 */
export function loadCheckedFlows(config: Config, workspace: WorkspaceGeneratorDeps): CheckedFlows {
  const localizer = createLocalizer(config.LOCALES_DIR, config.DEFAULT_LANGUAGE);
  const flows = loadFlows(config.FLOWS_DIR);
  const missing = missingFlowTranslations(flows.values(), localizer);
  if (missing.length > 0) throw new FlowFileError(config.FLOWS_DIR, `missing translations:\n  ${missing.join('\n  ')}`);
  if (!flows.has(config.DEFAULT_FLOW)) throw new FlowFileError(config.FLOWS_DIR, `DEFAULT_FLOW "${config.DEFAULT_FLOW}" is not a flow`);
  const outcomes = outcomeModulesFor({ days: config.STRIPE_TRIAL_DAYS, enabled: config.STRIPE_ENABLE_TRIALS });
  // The practitioner flow's completion says where the dashboard is (DASHBOARD_URL); the workspace's makes the trial's
  // message or the payment link.
  const generators = new Map<string, ProfileGenerator>([
    ...profileGenerators,
    ['practitioner', practitionerGenerator(config.DASHBOARD_URL)],
    ['workspace', workspaceGenerator(workspace)],
  ]);
  for (const runtime of flows.values()) {
    if (!generators.has(runtime.definition.profile)) {
      throw new FlowFileError(runtime.definition.id, `profile generator "${runtime.definition.profile}" does not exist`);
    }
    checkOutcome(runtime, outcomes);
  }
  const userFlow = flows.get(config.USER_FLOW);
  if (userFlow && userFlow.definition.audience !== 'user') {
    throw new FlowFileError(config.FLOWS_DIR, `USER_FLOW "${config.USER_FLOW}" is not a flow with audience "user"`);
  }

  checkFlowByNumber(config, flows);
  // A phone flow's sessions belong to practitioners signed in by the practitioners' service, which runs one flow.
  for (const runtime of flows.values()) {
    if (runtime.definition.audience === 'phone' && runtime.definition.id !== config.PRACTITIONER_FLOW) {
      throw new FlowFileError(runtime.definition.id, `a flow with audience "phone" must be PRACTITIONER_FLOW (now "${config.PRACTITIONER_FLOW}")`);
    }
  }

  // Load the gazetteer now (about half a second) rather than in the first person's place answer.
  if ([...flows.values()].some((f) => f.definition.steps.some((s) => s.type === 'place'))) placeIndex();
  return { localizer, flows, generators, outcomes };
}

/** A flow's outcome module exists and writes exactly the flow's groups, and only flows with a subject (user, phone) have one. */
function checkOutcome(runtime: FlowRuntime, outcomeModules: ReadonlyMap<string, OutcomeModule>): void {
  const { outcome, audience, id } = runtime.definition;
  if (!outcome) return;
  const module = outcomeModules.get(outcome);
  if (!module) throw new FlowFileError(id, `outcome module "${outcome}" does not exist`);
  if (audience === 'anonymous') throw new FlowFileError(id, `outcome "${outcome}" writes a person's rows: the flow needs audience "user" or "phone"`);
  const groups = groupsOf(runtime.definition).map((group) => group.id);
  if (groups.join(',') !== module.groups.join(',')) {
    throw new FlowFileError(id, `outcome "${outcome}" writes the groups ${module.groups.join(', ')}; the flow has ${groups.join(', ')}`);
  }
}

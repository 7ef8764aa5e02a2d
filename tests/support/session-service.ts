import { answerParsers } from '../../src/conversation/parsers/index.js';
import { loadFlows } from '../../src/flows/load-flows.js';
import { createLocalizer } from '../../src/i18n/create-i18n.js';
import { outcomeModules } from '../../src/outcomes/outcome-modules.js';
import { profileGenerators } from '../../src/profiles/generators.js';
import type { ServiceDeps } from '../../src/sessions/service-deps.js';
import { SessionService } from '../../src/sessions/session-service.js';
import type { SessionStore } from '../../src/store/session-store.js';

let shared: Pick<ServiceDeps, 'flows' | 'localizer'> | null = null;

/** The repository's flows and locales, read once per process. */
export function repositoryContent(): Pick<ServiceDeps, 'flows' | 'localizer'> {
  shared ??= { flows: loadFlows('flows'), localizer: createLocalizer('locales', 'en') };
  return shared;
}

/**
 * A SessionService over `store` with the real flows, locales, parsers and generators, a silent logger and the
 * real clock, as compose builds it; `overrides` replaces any of those.
 */
export function sessionServiceOn(store: SessionStore, overrides: Partial<ServiceDeps> = {}): SessionService {
  return new SessionService({
    store,
    ...repositoryContent(),
    parsers: answerParsers,
    generators: profileGenerators,
    outcomes: outcomeModules,
    logger: { info: () => {}, warn: () => {}, error: () => {} },
    clock: () => new Date(),
    profileWaitMs: 10_000,
    defaultFlow: 'instant-birth-chart',
    ...overrides,
  });
}

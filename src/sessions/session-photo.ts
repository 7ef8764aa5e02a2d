import { firstOpenStep } from '../conversation/flow-context.js';
import { translateRef } from '../conversation/translate.js';
import { AppError, ValidationFailedError } from '../errors.js';
import type { ImageStore } from '../images/image-store.js';
import { checkPhoto, photoFolder, photoLimit, storePhoto } from '../images/photo-answer.js';
import type { ServiceDeps } from './service-deps.js';
import { flowFor, loadAuthorized } from './session-access.js';
import type { SessionService } from './session-service.js';
import type { TurnReply } from './session-views.js';

/**
 * A photo uploaded on the session API (id + key) for the image step being asked: typed by its bytes, its size
 * checked, stored under the session, then one ANSWER turn. 404 when no image step is asked now; nothing is
 * stored for a refused photo.
 */
export async function answerSessionPhoto(
  deps: ServiceDeps,
  sessions: SessionService,
  photos: { store: ImageStore; maxBytes: number },
  input: { sessionId: string; key: string; bytes: Uint8Array },
): Promise<TurnReply> {
  const { session } = await loadAuthorized(deps, input.sessionId, input.key, null);
  const runtime = flowFor(deps, session.flowId, false);
  const asked = session.status === 'collecting_data' ? session.currentStep : session.status === 'paused' ? firstOpenStep(runtime.definition, session.collectedData)?.id : null;
  const step = asked ? runtime.step(asked) : undefined;
  if (!step || step.type !== 'image') throw new AppError('ONBOARDING_STEP_NOT_FOUND', 'The question being asked takes no photo.', 404);
  const checked = checkPhoto(input.bytes, photoLimit(step, photos.maxBytes));
  if ('refused' in checked) {
    throw new ValidationFailedError([{ field: step.id, reason: translateRef(deps.localizer.translator(session.language), checked.refused) }]);
  }
  const value = await storePhoto(photos.store, photoFolder({ userId: session.userId, flowId: session.flowId, sessionId: session.id }), step, input.bytes, checked.type);
  return sessions.reply({
    sessionId: session.id,
    key: input.key,
    text: '[photo]',
    messageKey: null,
    // Another answer may have moved the question on meanwhile: then the photo answers nothing.
    decide: (state) =>
      (state.step ?? firstOpenStep(runtime.definition, state.context.answers)?.id) === step.id
        ? { type: 'ANSWER', step: step.id, value }
        : { type: 'INVALID', step: state.step ?? step.id, reason: { key: 'common:image.send_photo' } },
  });
}

import { randomUUID } from 'node:crypto';
import type { MessageRef } from '../conversation/parsers/parser-types.js';
import type { StepDefinition } from '../flows/flow-schema.js';
import type { ImageStore } from './image-store.js';
import { imageTypes, sniffImageType, type ImageType } from './image-type.js';

/** A photo step's answer: where the picture is stored, its type and size. */
export type PhotoAnswer = {
  path: string;
  content_type: ImageType;
  bytes: number;
};

/** The most bytes a photo step takes: its own `max_bytes`, else the service's (IMAGE_MAX_BYTES). */
export function photoLimit(step: StepDefinition, serviceMax: number): number {
  return step.validation.max_bytes ?? serviceMax;
}

/** What a person is told for a photo over the limit. */
export function photoTooLarge(max: number): MessageRef {
  return { key: 'common:image.too_large', vars: { mb: Math.round((max / 1_000_000) * 10) / 10 } };
}

/** A photo's type read from its bytes and its size checked: the type, or what to tell the person. */
export function checkPhoto(bytes: Uint8Array, max: number): { type: ImageType } | { refused: MessageRef } {
  const type = sniffImageType(bytes);
  if (!type) return { refused: { key: 'common:image.wrong_type' } };
  if (bytes.length > max) return { refused: photoTooLarge(max) };
  return { type };
}

/** Where one session's photos go: a signed-in user's under their id and the flow, others under the session. */
export function photoFolder(owner: { userId: string | null; flowId: string; sessionId: string }): string {
  return owner.userId ? `users/${owner.userId}/${owner.flowId}` : `sessions/${owner.sessionId}`;
}

/** Stores a checked photo for a step under `folder` and returns the step's answer. */
export async function storePhoto(store: ImageStore, folder: string, step: StepDefinition, bytes: Uint8Array, type: ImageType): Promise<PhotoAnswer> {
  const path = `${folder}/${step.id}-${randomUUID()}.${imageTypes[type]}`;
  await store.put(path, bytes, type);
  return { path, content_type: type, bytes: bytes.length };
}

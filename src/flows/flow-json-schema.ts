import { z } from 'zod';
import { flowSchema } from './flow-schema.js';

/** The JSON Schema of flow files, generated from the same zod schema that validates them at boot. */
export function flowJsonSchemaText(): string {
  const schema = z.toJSONSchema(flowSchema, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify({ ...schema, title: 'Onboarding flow', $id: 'flow.schema.json' }, null, 2)}\n`;
}

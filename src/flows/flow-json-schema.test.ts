import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { flowJsonSchemaText } from './flow-json-schema.js';

describe('flow JSON Schema', () => {
  it('is up to date with the zod schema (run `npm run flow-schema` after changing it)', () => {
    expect(readFileSync('flows/flow.schema.json', 'utf8')).toBe(flowJsonSchemaText());
  });

  it('describes steps and input types', () => {
    const schema = JSON.parse(flowJsonSchemaText()) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['id', 'version', 'steps']));
    expect(flowJsonSchemaText()).toContain('"yes_no"');
  });
});

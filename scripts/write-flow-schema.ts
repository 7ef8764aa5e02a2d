/**
 * Writes flows/flow.schema.json from the zod schema that validates flow files, so editors can
 * autocomplete and check flows. `npm run flow-schema` rewrites it; a test fails when it is stale.
 */
import { writeFileSync } from 'node:fs';
import { flowJsonSchemaText } from '../src/flows/flow-json-schema.js';

writeFileSync('flows/flow.schema.json', flowJsonSchemaText());
process.stdout.write('wrote flows/flow.schema.json\n');

/**
 * npm run privacy -- erase|export --session <id> | --user <uuid> | --phone <E.164>
 * For operators: exports (JSON on stdout) or erases (counts on stdout) one person's data in the configured
 * database: DATABASE_URL, the embedded one in DATA_DIR (stop the service first: it holds the directory), or a
 * Supabase project through its service-role key. Each is one SQL function call, so one transaction. Nothing
 * about the person is written to stderr.
 */
import { parseArgs } from 'node:util';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { loadConfig } from '../src/config.js';
import { openStore, storeTargetFrom } from '../src/store/open-store.js';
import type { PrivacySubject } from '../src/store/privacy-store.js';

const USAGE = 'usage: npm run privacy -- erase|export --session <id> | --user <uuid> | --phone <E.164>';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The operation and its subject from the command line; throws with the usage otherwise. */
export function parsePrivacyArgs(argv: string[]): { operation: 'erase' | 'export'; subject: PrivacySubject } {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { session: { type: 'string' }, user: { type: 'string' }, phone: { type: 'string' } },
  });
  const operation = positionals[0];
  if ((operation !== 'erase' && operation !== 'export') || positionals.length !== 1) throw new Error(USAGE);
  const given = [values.session, values.user, values.phone].filter((v) => v !== undefined);
  if (given.length !== 1) throw new Error(`name exactly one subject\n${USAGE}`);
  if (values.session !== undefined) {
    if (!UUID.test(values.session)) throw new Error('--session: not a session id (uuid)');
    return { operation, subject: { sessionId: values.session } };
  }
  if (values.user !== undefined) {
    if (!UUID.test(values.user)) throw new Error('--user: not a user id (uuid)');
    return { operation, subject: { userId: values.user } };
  }
  const phone = parsePhoneNumberFromString(values.phone ?? '');
  if (!phone?.isValid() || phone.number !== values.phone) throw new Error('--phone: not a valid number in E.164 form (+34600111222)');
  return { operation, subject: { phone: phone.number } };
}

async function main(): Promise<void> {
  const { operation, subject } = parsePrivacyArgs(process.argv.slice(2));
  const config = loadConfig();
  const opened = await openStore(storeTargetFrom(config), config.SUPABASE_DIR);
  try {
    const result = operation === 'export' ? await opened.privacy.exportData(subject) : await opened.privacy.erase(subject);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await opened.cleanup.close?.();
    await opened.store.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}

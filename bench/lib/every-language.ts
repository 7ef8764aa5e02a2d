/**
 * One whole instant conversation per language over the service's web API, so that every language's messages,
 * commands and parsers and the gazetteer (the place answer) are loaded before memory is read: the peak RSS
 * "with the gazetteer and six languages loaded". Throws when a conversation does not complete.
 */
const LANGUAGES = ['en', 'es', 'fr', 'de', 'pt', 'hi'] as const;
/** Answers every language reads: a name, an ISO date, a 24-hour time with a leading zero, a well-known city. */
const ANSWERS: Readonly<Record<string, string>> = { name: 'Maria', birth_date: '1990-03-05', birth_time: '07:30', birth_place: 'Madrid' };

interface Reply {
  session_id: string;
  status: string;
  next_step?: string | null;
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return (await response.json()) as Record<string, unknown>;
}

export async function converseInEveryLanguage(serviceUrl: string): Promise<void> {
  const base = `${serviceUrl}/api/v2/instant-onboarding/session`;
  for (const language of LANGUAGES) {
    const started = await post(`${base}/start`, { channel: 'web', language });
    const key = String(started.session_key);
    let reply = started as unknown as Reply;
    for (let turn = 0; reply.status === 'collecting_data' && reply.next_step; turn++) {
      const text = ANSWERS[reply.next_step];
      if (text === undefined || turn > 8) throw new Error(`${language}: no answer for step ${reply.next_step}`);
      reply = (await post(`${base}/${reply.session_id}/reply`, { text, message_id: `lang-${turn}` }, { 'x-session-key': key })) as unknown as Reply;
    }
    if (reply.status !== 'completed') throw new Error(`${language}: the conversation ended in ${reply.status}`);
  }
}

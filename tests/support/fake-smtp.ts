import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One email the fake SMTP server accepted. */
export interface ReceivedEmail {
  from: string;
  to: string[];
  /** The raw message (headers and body) as sent. */
  raw: string;
}

export interface FakeSmtp {
  /** smtp://127.0.0.1:<port> */
  url: string;
  received: ReceivedEmail[];
  /** The next messages are refused with these SMTP codes (e.g. 451 try later, 550 no such mailbox), in order. */
  refuseNext(...codes: number[]): void;
  close(): Promise<void>;
}

/** A local SMTP server on 127.0.0.1 (no TLS, no auth) that records what it accepts: the edge we cannot reach. */
export async function startFakeSmtp(): Promise<FakeSmtp> {
  const received: ReceivedEmail[] = [];
  const refusals: number[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const code = refusals.shift();
        if (code) {
          const error = Object.assign(new Error(code >= 500 ? 'mailbox unavailable' : 'try again later'), { responseCode: code });
          callback(error);
          return;
        }
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuseNext: (...codes) => void refusals.push(...codes),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

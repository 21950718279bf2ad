import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake received, as Twilio would read it. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly username: string | undefined;
  readonly fields: ReadonlyMap<string, readonly string[]>;
}

/** An HTTP answer: a status with a Twilio-shaped body and headers. */
export interface Answer {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A scripted answer, or no answer at all (the request hangs until the fake closes). */
export type ScriptedAnswer = Answer | { readonly hang: true };

/** A local stand-in for Twilio's Messages API that checks requests as Twilio does. */
export interface FakeTwilioApi {
  readonly baseUrl: string;
  readonly requests: RecordedRequest[];
  /** TCP connections opened so far (a keep-alive client opens few). */
  readonly connections: () => number;
  /** Answers the next requests with these, in order; then it answers as Twilio does. */
  script(...answers: ScriptedAnswer[]): void;
  close(): Promise<void>;
}

/** Twilio's error body. */
export function twilioError(status: number, code: number, message: string): Answer {
  return {
    status,
    body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
  };
}

/**
 * Starts the fake on a loopback port. `credentials` are the Basic-auth pairs it accepts (Account SID and
 * auth token, or API key SID and secret).
 */
export async function startFakeTwilioApi(options: {
  readonly accountSid: string;
  readonly credentials: ReadonlyArray<readonly [string, string]>;
}): Promise<FakeTwilioApi> {
  const requests: RecordedRequest[] = [];
  const scripted: ScriptedAnswer[] = [];
  let connections = 0;
  const server = createServer((request, response) => {
    void handle(request, response);
  });
  server.on('connection', () => {
    connections++;
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const fields = new Map<string, string[]>();
    for (const [name, value] of new URLSearchParams(Buffer.concat(chunks).toString('utf8'))) {
      fields.set(name, [...(fields.get(name) ?? []), value]);
    }
    const [username, password] = basicAuth(request.headers.authorization);
    requests.push({ method: request.method ?? '', path: request.url ?? '', username, fields });

    const next = scripted.shift();
    if (next !== undefined && 'hang' in next) return;
    const answer = next ?? twilioAnswer(request, username, password, fields);
    response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    response.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
  }

  function twilioAnswer(
    request: IncomingMessage,
    username: string | undefined,
    password: string | undefined,
    fields: ReadonlyMap<string, readonly string[]>,
  ): Answer {
    if (!options.credentials.some(([user, secret]) => user === username && secret === password)) {
      return twilioError(401, 20003, 'Authenticate');
    }
    if (
      request.method !== 'POST' ||
      request.url !== `/2010-04-01/Accounts/${options.accountSid}/Messages.json`
    ) {
      return twilioError(404, 20404, 'The requested resource was not found');
    }
    if (!request.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
      return twilioError(400, 20001, 'Content-Type must be application/x-www-form-urlencoded');
    }
    const one = (name: string) => fields.get(name)?.[0];
    if (!/^whatsapp:\+[1-9]\d{6,14}$/.test(one('To') ?? '')) {
      return twilioError(400, 21211, "Invalid 'To' Phone Number");
    }
    if ((one('From') === undefined) === (one('MessagingServiceSid') === undefined)) {
      return twilioError(400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required");
    }
    if (one('Body') === undefined && one('MediaUrl') === undefined && one('ContentSid') === undefined) {
      return twilioError(400, 21619, 'A text message body, media URL or Content SID is required');
    }
    const variables = one('ContentVariables');
    if (variables !== undefined && !isJsonObject(variables)) {
      return twilioError(400, 21656, 'The ContentVariables parameter is invalid');
    }
    const sid = `SM${randomBytes(16).toString('hex')}`;
    return {
      status: 201,
      body: {
        sid,
        account_sid: options.accountSid,
        to: one('To'),
        from: one('From') ?? null,
        messaging_service_sid: one('MessagingServiceSid') ?? null,
        body: one('Body') ?? '',
        status: 'queued',
        num_media: one('MediaUrl') === undefined ? '0' : '1',
        error_code: null,
        error_message: null,
        uri: `/2010-04-01/Accounts/${options.accountSid}/Messages/${sid}.json`,
      },
    };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    connections: () => connections,
    script: (...answers) => {
      scripted.push(...answers);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (!server.listening) return resolve();
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function basicAuth(header: string | undefined): [string | undefined, string | undefined] {
  if (!header?.startsWith('Basic ')) return [undefined, undefined];
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon === -1 ? [decoded, undefined] : [decoded.slice(0, colon), decoded.slice(colon + 1)];
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  } catch {
    return false;
  }
}

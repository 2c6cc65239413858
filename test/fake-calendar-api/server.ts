// The fake Calendar API v3 over HTTP (node:http, no dependencies): `startFakeCalendarApi()` gives
// a base URL like `http://127.0.0.1:PORT/calendar/v3` to use wherever the real
// `https://www.googleapis.com/calendar/v3` would go, and the `state` to seed, fault and inspect.
// A few unauthenticated control routes under `/__fake/` let another process (the demo, an
// end-to-end test driving the built extension) seed and inspect it too.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorResponse, handleApiRequest, type ApiResponse } from './api';
import { FakeCalendarState, type FailureSpec, type RateLimit, type RecordedRequest, type SeedData } from './state';

export const API_BASE_PATH = '/calendar/v3';
const CONTROL_PATH = '/__fake';
const MAX_BODY_BYTES = 2 * 1024 * 1024;

export interface FakeCalendarApiOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** The fake's clock (updated stamps, rate-limit windows, expansion horizon). */
  now?: () => number;
  seed?: SeedData;
  rateLimit?: RateLimit;
}

export interface FakeCalendarApi {
  /** Base URL of the API, e.g. `http://127.0.0.1:41234/calendar/v3` (no trailing slash). */
  url: string;
  /** `http://127.0.0.1:41234`: what a test build allows as host permission. */
  origin: string;
  port: number;
  state: FakeCalendarState;
  close(): Promise<void>;
}

function header(request: http.IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function readBody(request: http.IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > MAX_BODY_BYTES ? 'too-large' : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function corsHeaders(request: http.IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {
    'Access-Control-Allow-Origin': header(request, 'origin') ?? '*',
    'Access-Control-Expose-Headers': 'ETag, Retry-After',
    Vary: 'Origin',
  };
  if (request.method === 'OPTIONS') {
    headers['Access-Control-Allow-Methods'] = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';
    headers['Access-Control-Allow-Headers'] = header(request, 'access-control-request-headers') ?? 'Authorization, Content-Type, If-Match, If-None-Match';
    headers['Access-Control-Max-Age'] = '600';
    // Chrome asks before a public page talks to a local address.
    if (header(request, 'access-control-request-private-network') === 'true') headers['Access-Control-Allow-Private-Network'] = 'true';
  }
  return headers;
}

function send(response: http.ServerResponse, request: http.IncomingMessage, answer: ApiResponse): void {
  const headers: Record<string, string> = {
    ...corsHeaders(request),
    'Cache-Control': 'no-cache, no-store, max-age=0, must-revalidate',
    ...answer.headers,
  };
  if (answer.rawBody !== undefined) {
    response.writeHead(answer.status, { 'Content-Type': 'text/plain; charset=UTF-8', ...headers, 'Content-Length': Buffer.byteLength(answer.rawBody) });
    response.end(answer.rawBody);
    return;
  }
  if (answer.body === undefined) {
    response.writeHead(answer.status, headers);
    response.end();
    return;
  }
  const text = JSON.stringify(answer.body, null, 1);
  response.writeHead(answer.status, { ...headers, 'Content-Type': 'application/json; charset=UTF-8', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function startFakeCalendarApi(options: FakeCalendarApiOptions = {}): Promise<FakeCalendarApi> {
  const state = new FakeCalendarState(options.now);
  if (options.seed) state.seed(options.seed);
  if (options.rateLimit) state.setRateLimit(options.rateLimit);
  const sockets = new Set<import('node:net').Socket>();

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, request, errorResponse(500, 'backendError', `Fake failure: ${String(error)}`));
      else response.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake.invalid');
    if (request.method === 'OPTIONS') {
      response.writeHead(204, corsHeaders(request));
      response.end();
      return;
    }
    const raw = await readBody(request);
    if (raw === 'too-large') {
      send(response, request, errorResponse(413, 'uploadTooLarge', 'The request body is too large.'));
      return;
    }
    const text = raw.toString('utf8');
    let body: unknown;
    let bodyUnreadable = false;
    if (text.trim() !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
        bodyUnreadable = true;
      }
    }

    if (url.pathname.startsWith(`${CONTROL_PATH}/`)) {
      send(response, request, control(request.method ?? 'GET', url.pathname.slice(CONTROL_PATH.length), url.searchParams, body));
      return;
    }
    if (!url.pathname.startsWith(`${API_BASE_PATH}/`)) {
      send(response, request, errorResponse(404));
      return;
    }

    const query: Record<string, string> = {};
    for (const [key, value] of url.searchParams) query[key] = value;
    const record: RecordedRequest = {
      method: request.method ?? 'GET',
      path: url.pathname.slice(API_BASE_PATH.length),
      query,
      headers: {
        ...(header(request, 'authorization') !== undefined && { authorization: header(request, 'authorization') }),
        ...(header(request, 'if-match') !== undefined && { ifMatch: header(request, 'if-match') }),
        ...(header(request, 'if-none-match') !== undefined && { ifNoneMatch: header(request, 'if-none-match') }),
        ...(header(request, 'content-type') !== undefined && { contentType: header(request, 'content-type') }),
      },
      body,
      at: state.now(),
    };
    state.requests.push(record);

    const fault = state.takeFault(record);
    const delay = state.latencyMs + (fault?.type === 'delay' ? fault.ms : 0);
    if (delay > 0) await sleep(delay);
    if (fault?.type === 'drop') {
      record.dropped = true;
      request.socket.destroy();
      return;
    }
    let answer: ApiResponse;
    if (fault?.type === 'fail') {
      answer = failure(fault.spec);
    } else if (fault?.type === 'respond') {
      answer = { ...fault.response };
    } else {
      const token = /^Bearer\s+(\S+)/i.exec(record.headers.authorization ?? '')?.[1];
      const limit = state.rateLimit;
      if (limit && state.overRateLimit(state.tokens.get(token ?? '') ?? 'anonymous')) {
        answer = errorResponse(limit.status ?? 403, limit.reason ?? 'rateLimitExceeded', undefined, limit.retryAfter !== undefined ? { retryAfter: limit.retryAfter } : {});
      } else {
        answer = handleApiRequest(state, {
          method: record.method,
          path: record.path,
          query: url.searchParams,
          headers: record.headers,
          body,
          bodyUnreadable,
          record,
        });
        if (fault?.type === 'rewrite' && answer.body !== undefined) answer = { ...answer, body: fault.rewrite(structuredClone(answer.body)) };
      }
    }
    record.status = answer.status;
    send(response, request, answer);
  }

  function failure(spec: FailureSpec): ApiResponse {
    return errorResponse(spec.status, spec.reason, spec.message, spec.retryAfter !== undefined ? { retryAfter: spec.retryAfter } : {});
  }

  /** Test and demo controls; no authentication (the fake only ever listens on a test machine). */
  function control(method: string, path: string, query: URLSearchParams, body: unknown): ApiResponse {
    const input = (body ?? {}) as Record<string, unknown>;
    try {
      if (method === 'GET' && path === '/requests') return { status: 200, body: state.requests };
      if (method === 'DELETE' && path === '/requests') {
        state.clearRequests();
        return { status: 204 };
      }
      if (method === 'POST' && path === '/reset') {
        state.reset();
        return { status: 204 };
      }
      if (method === 'POST' && path === '/seed') {
        state.seed(input as SeedData);
        return { status: 204 };
      }
      if (method === 'POST' && path === '/expire-sync-tokens') {
        state.expireSyncTokens();
        return { status: 204 };
      }
      if (method === 'POST' && path === '/set-description') {
        return { status: 200, body: state.setDescription(String(input.calendarId), String(input.eventId), String(input.description)) };
      }
      if (method === 'POST' && path === '/fail') {
        const pathIncludes = typeof input.pathIncludes === 'string' ? input.pathIncludes : undefined;
        const onlyMethod = typeof input.method === 'string' ? input.method.toUpperCase() : undefined;
        state.failNext(Number(input.count ?? 1), {
          status: Number(input.status),
          ...(typeof input.reason === 'string' && { reason: input.reason }),
          ...(input.retryAfter !== undefined && { retryAfter: input.retryAfter as number | string }),
          match: (request) => (!pathIncludes || request.path.includes(pathIncludes)) && (!onlyMethod || request.method === onlyMethod),
        });
        return { status: 204 };
      }
      const eventsMatch = /^\/events\/([^/]+)$/.exec(path);
      if (eventsMatch) {
        const calendarId = decodeURIComponent(eventsMatch[1]!);
        if (method === 'POST') return { status: 200, body: state.addEvent(calendarId, input) };
        if (method === 'GET') {
          const calendar = state.calendars.get(calendarId);
          if (!calendar) return errorResponse(404);
          const items = [...state.eventsOf(calendarId).values()].map((stored) => state.render(state.viewOf(stored), calendar));
          const eventId = query.get('eventId');
          if (eventId !== null) return { status: 200, body: state.getEvent(calendarId, eventId) ?? null };
          return { status: 200, body: items };
        }
      }
      return errorResponse(404);
    } catch (error) {
      return errorResponse(400, 'badRequest', error instanceof Error ? error.message : String(error));
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const origin = `http://${host}:${address.port}`;
  return {
    url: `${origin}${API_BASE_PATH}`,
    origin,
    port: address.port,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

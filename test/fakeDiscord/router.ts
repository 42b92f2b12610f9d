/**
 * The fake's REST front: parses each request (JSON or multipart), records it, checks the bot token, applies injected
 * faults, routes it to a handler (restRoutes/*) and turns an ApiError into Discord's status and JSON error, recorded
 * as a violation.
 */
import type http from 'node:http';
import { invalidFormBody } from './limits';
import { faultReply } from './faults';
import { ApiError, type FakeState, type Reply, type RequestContext } from './state';
import type { RecordedRequest, UploadedFile } from './types';

const API_PREFIX = '/api/v10';

interface Route {
  method: string;
  template: string;
  segments: string[];
  auth: boolean;
  handle: (ctx: RequestContext) => Reply | Promise<Reply>;
}

/** A handler's success: 200 with the body, or 204 without one. */
export const ok = (body?: unknown): Reply => ({ status: body === undefined ? 204 : 200, body });

export class Router {
  private readonly routes: Route[] = [];

  constructor(private readonly s: FakeState) {}

  /** Adds a route; the first registered route matching a request handles it. */
  route(method: string, template: string, handle: Route['handle'], auth = true): void {
    this.routes.push({ method, template, segments: template.split('/').filter(Boolean), auth, handle });
  }

  async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const s = this.s;
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = (req.method ?? 'GET').toUpperCase();
    const raw = await readBody(req);
    const rawPath = url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length) : url.pathname;
    const segments = rawPath
      .split('/')
      .filter(Boolean)
      .map((segment) => decodeURIComponent(segment));
    const record: RecordedRequest = {
      index: s.requests.length,
      method,
      path: '/' + segments.join('/'),
      route: '',
      params: {},
      query: Object.fromEntries(url.searchParams),
      authorization: req.headers.authorization,
      contentType: req.headers['content-type'],
      body: undefined,
      files: [],
      status: 0,
      response: undefined,
      at: Date.now(),
    };
    let reply: Reply;
    try {
      if (!url.pathname.startsWith(API_PREFIX)) throw new ApiError(404, 0, `404: Not Found (the fake serves ${API_PREFIX} only)`, 'route');
      const parsed = await parseBody(raw, req.headers['content-type']);
      record.body = parsed.body;
      record.files = parsed.files;
      const match = this.matchRoute(method, segments);
      if (!match) throw new ApiError(404, 0, '404: Not Found', 'route');
      record.route = match.route.template;
      record.params = match.params;
      if (match.route.auth && req.headers.authorization !== `Bot ${s.token}`) throw new ApiError(401, 0, '401: Unauthorized', 'auth');
      const fault = s.faults.take(method, match.route.template, match.params);
      if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      if (fault?.status !== undefined) {
        record.interactionId = this.interactionIdOf(match.params);
        reply = faultReply({ ...fault, status: fault.status });
      } else
        reply = await match.route.handle({ params: match.params, query: url.searchParams, body: parsed.body, files: parsed.files, record });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const body = error.code === 50035 ? invalidFormBody(error.errors) : { message: error.message, code: error.code };
      reply = { status: error.status, body };
      s.violations.push({
        kind: error.kind,
        status: error.status,
        code: error.code,
        message: error.message,
        method,
        path: record.path,
        route: record.route,
        interactionId: record.interactionId,
        errors: error.errors,
      });
    }
    record.status = reply.status;
    record.response = reply.body;
    s.requests.push(record);
    if (reply.body === undefined) {
      res.writeHead(reply.status, reply.headers ?? {});
      res.end();
    } else {
      res.writeHead(reply.status, { ...reply.headers, 'content-type': 'application/json' });
      res.end(JSON.stringify(reply.body));
    }
    s.events.emit('change');
  }

  private matchRoute(method: string, segments: string[]): { route: Route; params: Record<string, string> } | undefined {
    for (const route of this.routes) {
      if (route.method !== method || route.segments.length !== segments.length) continue;
      const params: Record<string, string> = {};
      const matches = route.segments.every((part, i) => {
        if (part.startsWith(':')) {
          params[part.slice(1)] = segments[i];
          return true;
        }
        return part === segments[i];
      });
      if (matches) return { route, params };
    }
    return undefined;
  }

  /** The interaction a callback or webhook route's parameters name, for requests answered by a fault. */
  private interactionIdOf(params: Record<string, string>): string | undefined {
    if (params.interactionId) return params.interactionId;
    return params.token ? [...this.s.interactions.values()].find((i) => i.token === params.token)?.id : undefined;
  }
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** JSON bodies, and multipart bodies whose `payload_json` part is the JSON (files kept with their bytes). */
async function parseBody(raw: Buffer, contentType: string | undefined): Promise<{ body: unknown; files: UploadedFile[] }> {
  if (raw.length === 0) return { body: undefined, files: [] };
  if (contentType?.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
    let body: unknown;
    const files: UploadedFile[] = [];
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') body = parseJson(value);
      } else {
        files.push({ field, name: value.name, contentType: value.type, size: value.size, data: Buffer.from(await value.arrayBuffer()) });
      }
    }
    return { body, files };
  }
  return { body: parseJson(raw.toString('utf8')), files: [] };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, 50109, 'The request body contains invalid JSON.', 'request');
  }
}

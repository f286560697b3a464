import { createServer, IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a fake network received, kept so specs can assert exactly what a connector sent. */
export interface ReceivedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface FakeReply {
  status?: number;
  headers?: Record<string, string>;
  /** Sent as JSON; omit for an empty body or use `text`. */
  json?: unknown;
  text?: string;
}

export type FakeAnswer = FakeReply | ((request: ReceivedRequest) => FakeReply);

/**
 * A local HTTP server standing in for a network's API in specs. Each route answers with its
 * replies in order and then repeats the last, so a spec can script "processing, then done".
 */
export class FakeNetwork {
  readonly received: ReceivedRequest[] = [];
  private readonly routes = new Map<string, FakeAnswer[]>();

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeNetwork> {
    const server = createServer();
    const fake = new FakeNetwork(server);
    server.on('request', (req, res) => void fake.answer(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** `path` is matched without its query string. */
  on(method: string, path: string, ...answers: FakeAnswer[]): this {
    this.routes.set(`${method} ${path}`, answers);
    return this;
  }

  /** Requests to one route, in the order they arrived. */
  to(method: string, path: string): ReceivedRequest[] {
    return this.received.filter((r) => r.method === method && r.path === path);
  }

  reset(): void {
    this.received.length = 0;
    this.routes.clear();
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const request = await receive(req);
    this.received.push(request);
    const answers = this.routes.get(`${request.method} ${request.path}`);
    const answer = answers?.length ? (answers.length > 1 ? answers.shift()! : answers[0]) : undefined;
    const reply = typeof answer === 'function' ? answer(request) : (answer ?? notFound(request));
    send(res, reply);
  }
}

/** Reads a multipart/form-data body the way a server would, for assertions on uploads. */
export async function readMultipart(request: ReceivedRequest): Promise<FormData> {
  const contentType = request.headers['content-type'] ?? '';
  return new Response(new Uint8Array(request.body), { headers: { 'content-type': contentType } }).formData();
}

export function readForm(request: ReceivedRequest): URLSearchParams {
  return new URLSearchParams(request.body.toString('utf8'));
}

export function readJson(request: ReceivedRequest): unknown {
  return JSON.parse(request.body.toString('utf8')) as unknown;
}

async function receive(req: IncomingMessage): Promise<ReceivedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const url = new URL(req.url ?? '/', 'http://fake');
  return {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: url.searchParams,
    headers: req.headers,
    body: Buffer.concat(chunks),
  };
}

function send(res: ServerResponse, reply: FakeReply): void {
  const headers = { ...reply.headers };
  let body = reply.text ?? '';
  if (reply.json !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = JSON.stringify(reply.json);
  }
  res.writeHead(reply.status ?? 200, headers);
  res.end(body);
}

function notFound(request: ReceivedRequest): FakeReply {
  return { status: 404, json: { error: `no fake route for ${request.method} ${request.path}` } };
}

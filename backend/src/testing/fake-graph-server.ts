import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/** One call the fake received, decoded the way Graph reads it (query and form body merged into params). */
export interface ReceivedCall {
  method: string;
  /** Path below the version prefix, e.g. `/123/feed`. */
  path: string;
  params: Record<string, string>;
  headers: IncomingMessage['headers'];
}

export interface FakeAnswer {
  status?: number;
  /** Serialised as JSON unless it is a string (then sent raw, for malformed answers). */
  body: unknown;
  headers?: Record<string, string>;
}

type Answer = FakeAnswer | ((call: ReceivedCall) => FakeAnswer);

/** The error body Graph sends, e.g. code 190 for an expired token. */
export const graphError = (code: number, message: string, status = 400, subcode?: number): FakeAnswer => ({
  status,
  body: { error: { message, type: 'OAuthException', code, error_subcode: subcode, fbtrace_id: 'AbC123' } },
});

/**
 * An insights edge as Graph answers it (`{ data: [{ name, period, values: [{ value }] }] }`), for
 * `/{id}/insights` or inside an object read with `insights.metric(…)`; values may be breakdown objects.
 */
export const graphInsights = (objectId: string, metrics: Record<string, unknown>) => ({
  data: Object.entries(metrics).map(([name, value]) => ({
    name,
    period: 'lifetime',
    values: [{ value }],
    title: name,
    id: `${objectId}/insights/${name}/lifetime`,
  })),
});

/**
 * A local stand-in for graph.facebook.com, for specs only: routes answer in order (the last one
 * repeats) and every call is recorded; an unknown route answers as Graph does (code 100).
 */
export class FakeGraphServer {
  readonly calls: ReceivedCall[] = [];
  private readonly routes = new Map<string, Answer[]>();

  private constructor(
    private readonly server: Server,
    readonly version: string,
  ) {}

  static async start(version = 'v21.0'): Promise<FakeGraphServer> {
    const server = createServer();
    const fake = new FakeGraphServer(server, version);
    server.on('request', (req, res) => void fake.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** What the connector takes as `apiBaseUrl`. */
  get apiBaseUrl(): string {
    return `${this.origin}/${this.version}`;
  }

  on(method: string, path: string, ...answers: Answer[]): this {
    this.routes.set(`${method} ${path}`, answers);
    return this;
  }

  reset(): void {
    this.calls.length = 0;
    this.routes.clear();
  }

  callsTo(method: string, path: string): ReceivedCall[] {
    return this.calls.filter((call) => call.method === method && call.path === path);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const call = await decode(req, this.version);
    this.calls.push(call);
    const queue = this.routes.get(`${call.method} ${call.path}`);
    const next = queue && queue.length > 1 ? queue.shift() : queue?.[0];
    const answer = next === undefined ? unsupported(call) : typeof next === 'function' ? next(call) : next;
    const raw = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
    res.end(raw);
  }
}

async function decode(req: IncomingMessage, version: string): Promise<ReceivedCall> {
  const url = new URL(req.url ?? '/', 'http://fake');
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
  const params = { ...Object.fromEntries(url.searchParams), ...Object.fromEntries(form) };
  const path = url.pathname.startsWith(`/${version}/`) ? url.pathname.slice(version.length + 1) : url.pathname;
  return { method: req.method ?? 'GET', path, params, headers: req.headers };
}

const unsupported = (call: ReceivedCall): FakeAnswer =>
  graphError(100, `Unsupported ${call.method.toLowerCase()} request. Object with ID '${call.path}' does not exist`);

import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ActionRequest, ActionResponse } from '../protocol';

export interface ReceivedAction {
  type: string;
  authorization: string | undefined;
  body: ActionRequest;
}

type Answer = (action: ReceivedAction) => { status?: number; body: ActionResponse | object };

/** The default answer: the payload back, marked with the action that saw it. */
export const echo: Answer = (action) => ({ body: { payload: { ...action.body.payload, done: action.type } } });

/** A stand-in for the backend's internal API in node specs: records actions, answers as told. */
export class FakeInternalApi {
  readonly received: ReceivedAction[] = [];
  answer: Answer = echo;

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeInternalApi> {
    const server = createServer();
    const api = new FakeInternalApi(server);
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const action = {
          type: (req.url ?? '').replace(/^.*\/actions\//, ''),
          authorization: req.headers.authorization,
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as ActionRequest,
        };
        api.received.push(action);
        const { status = 200, body } = api.answer(action);
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return api;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/internal/v1`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

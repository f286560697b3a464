import { createHash } from 'node:crypto';
import { AtpAgent, XRPCError } from '@atproto/api';
import { publicFetch } from '../../common/public-url';
import { ConnectorFailure } from '../connector';
import { classifyBlueskyError } from './bluesky.errors';

export const BLUESKY_DEFAULT_SERVICE = 'https://bsky.social';

type Fetch = typeof globalThis.fetch;

/**
 * The private-network guard in the shape @atproto/api calls: it hands over whole `Request`s
 * (method, headers and body inside), which the guard takes apart into a URL and its init.
 */
export function guardedFetch(allowPrivate: boolean): Fetch {
  const guarded = publicFetch({ allowPrivate });
  return (async (input: string | URL | Request, init?: RequestInit) => {
    if (!(input instanceof Request)) return guarded(input, init as never);
    const body = input.body ? Buffer.from(await input.arrayBuffer()) : undefined;
    const headers = Object.fromEntries(input.headers);
    return guarded(input.url, { method: input.method, headers, body, signal: input.signal, ...(init as object) });
  }) as unknown as Fetch;
}

/** What a Bluesky account's sealed access token holds (JSON): the PDS, the handle or email, the app password. */
export interface BlueskyCredentials {
  service: string;
  identifier: string;
  appPassword: string;
}

export function serializeCredentials(credentials: BlueskyCredentials): string {
  return JSON.stringify(credentials);
}

/** The sealed token back as credentials; anything else means the account must be connected again. */
export function parseCredentials(accessToken: string): BlueskyCredentials {
  let value: unknown;
  try {
    value = JSON.parse(accessToken);
  } catch {
    value = null;
  }
  const { service, identifier, appPassword } = (value ?? {}) as Partial<BlueskyCredentials>;
  if (typeof service !== 'string' || typeof identifier !== 'string' || typeof appPassword !== 'string')
    throw new ConnectorFailure({
      kind: 'reauth',
      reason: 'Bluesky: the stored app password is unreadable; connect the account again',
    });
  return { service, identifier, appPassword };
}

/**
 * Logged-in agents by account, kept in memory: a session is made once (createSession) and the agent
 * refreshes it with its refreshJwt when the access JWT expires. A changed app password makes a new key.
 */
export class BlueskySessions {
  private readonly agents = new Map<string, Promise<AtpAgent>>();

  constructor(
    /** The guarded fetch: a PDS on a private network only where the server allows it. */
    private readonly fetch: Fetch,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async agent(credentials: BlueskyCredentials): Promise<AtpAgent> {
    const key = createHash('sha256')
      .update(`${credentials.service}\u0000${credentials.identifier}\u0000${credentials.appPassword}`)
      .digest('hex');
    let agent = this.agents.get(key);
    if (!agent) {
      agent = this.login(credentials);
      this.agents.set(key, agent);
      // A failed login is not kept: the next call tries again.
      agent.catch(() => this.agents.delete(key));
    }
    return agent;
  }

  private async login(credentials: BlueskyCredentials): Promise<AtpAgent> {
    const agent = new AtpAgent({ service: credentials.service, fetch: this.fetch });
    try {
      await agent.login({ identifier: credentials.identifier, password: credentials.appPassword });
    } catch (error) {
      if (!(error instanceof XRPCError)) throw error;
      // createSession's 401 AuthenticationRequired is a refused app password: reauth.
      throw new ConnectorFailure(classifyBlueskyError(error, this.now()));
    }
    return agent;
  }
}

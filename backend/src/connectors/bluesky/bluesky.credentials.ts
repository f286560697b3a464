import { AtpAgent, XRPCError } from '@atproto/api';
import { PrivateUrlError } from '../../common/public-url';
import {
  ConnectorFailure,
  type CredentialField,
  CredentialsRejectedError,
  type CredentialsProvider,
  type VerifiedAccount,
} from '../connector';
import { classifyBlueskyError } from './bluesky.errors';
import { BLUESKY_DEFAULT_SERVICE, type BlueskyCredentials, serializeCredentials } from './bluesky.session';

type Fetch = typeof globalThis.fetch;

const FIELDS: CredentialField[] = [
  {
    name: 'identifier',
    label: 'Handle or email',
    kind: 'text',
    required: true,
    help: 'Your Bluesky handle (alice.bsky.social) or the email you sign in with.',
    placeholder: 'alice.bsky.social',
  },
  {
    name: 'appPassword',
    label: 'App password',
    kind: 'secret',
    required: true,
    help: 'Create one in Bluesky under Settings → Privacy and security → App passwords; never your main password.',
    placeholder: 'xxxx-xxxx-xxxx-xxxx',
  },
  {
    name: 'service',
    label: 'Hosting provider (PDS)',
    kind: 'url',
    required: false,
    help: `Leave empty for Bluesky's own hosting (${BLUESKY_DEFAULT_SERVICE}); give your PDS address if you host elsewhere.`,
    placeholder: BLUESKY_DEFAULT_SERVICE,
  },
];

/** The credentials as the person typed them, tidied: `@alice.bsky.social` → `alice.bsky.social`, no trailing slash. */
export function readCredentials(input: Record<string, string>): BlueskyCredentials {
  const identifier = (input.identifier ?? '').trim().replace(/^@/, '');
  const appPassword = (input.appPassword ?? '').trim();
  const service = (input.service ?? '').trim().replace(/\/+$/, '') || BLUESKY_DEFAULT_SERVICE;
  if (!identifier) throw new CredentialsRejectedError('identifier', 'is required: your Bluesky handle or email');
  if (!appPassword) throw new CredentialsRejectedError('appPassword', 'is required: create an app password in Bluesky');
  let url: URL;
  try {
    url = new URL(service);
  } catch {
    throw new CredentialsRejectedError('service', `${service} is not an address (https://…)`);
  }
  if (!['http:', 'https:'].includes(url.protocol))
    throw new CredentialsRejectedError('service', 'must be an http(s) address');
  return { identifier, appPassword, service };
}

const isEmail = (identifier: string) => identifier.includes('@');

/** Handle (or email) and app password, checked by signing in to the account's PDS (createSession). */
export class BlueskyCredentialsProvider implements CredentialsProvider {
  readonly network = 'bluesky' as const;
  readonly fields = FIELDS;

  /** `fetch`: the guarded fetch (private addresses refused unless the server allows them). */
  constructor(private readonly fetch: Fetch) {}

  async verify(input: Record<string, string>): Promise<VerifiedAccount[]> {
    const credentials = readCredentials(input);
    const agent = new AtpAgent({ service: credentials.service, fetch: this.fetch });
    if (!isEmail(credentials.identifier)) await this.resolveHandle(agent, credentials.identifier);
    const session = await this.signIn(agent, credentials);
    return [
      {
        externalAccountId: session.did,
        name: `@${session.handle}`,
        tokens: { accessToken: serializeCredentials(credentials), refreshToken: null, expiresAt: null, scopes: [] },
        settings: { handle: session.handle, service: credentials.service },
      },
    ];
  }

  /** An unknown handle is named as such (createSession alone says only "invalid identifier or password"). */
  private async resolveHandle(agent: AtpAgent, handle: string): Promise<void> {
    try {
      await agent.com.atproto.identity.resolveHandle({ handle });
    } catch (error) {
      if (error instanceof XRPCError && error.status === 400)
        throw new CredentialsRejectedError('identifier', `no Bluesky account has the handle ${handle}`);
      throw unreachable(error, agent);
    }
  }

  private async signIn(agent: AtpAgent, credentials: BlueskyCredentials): Promise<{ did: string; handle: string }> {
    try {
      const { data } = await agent.login({ identifier: credentials.identifier, password: credentials.appPassword });
      return { did: data.did, handle: data.handle };
    } catch (error) {
      if (!(error instanceof XRPCError)) throw unreachable(error, agent);
      const failure = classifyBlueskyError(error, new Date());
      if (failure.kind === 'disconnect')
        throw new CredentialsRejectedError('identifier', `this account cannot be used: ${error.message}`);
      if (error.status === 401 || error.status === 400)
        throw new CredentialsRejectedError(
          'appPassword',
          isEmail(credentials.identifier)
            ? 'was refused by Bluesky: check the app password and the email'
            : 'was refused by Bluesky: check the app password',
        );
      throw new ConnectorFailure(failure);
    }
  }
}

/** The PDS did not answer (or is on a private network the server may not reach). */
function unreachable(error: unknown, agent: AtpAgent): Error {
  const host = agent.serviceUrl.host;
  if (error instanceof PrivateUrlError || (error instanceof Error && error.cause instanceof PrivateUrlError))
    return new CredentialsRejectedError('service', `${host} is on a private network this server may not reach`);
  if (error instanceof XRPCError) return new ConnectorFailure(classifyBlueskyError(error, new Date()));
  const reason = error instanceof Error ? error.message : String(error);
  return new ConnectorFailure({ kind: 'retry', afterMs: null, reason: `Bluesky: ${host} did not answer (${reason})` });
}

import type { FailureClass } from './failure-classification';
import type { MediaFacts, NetworkId, NetworkLimits, PostType } from './network-limits';

/** Tokens as a network issued them; the accounts context seals them with SecretBox at rest. */
export interface TokenSet {
  accessToken: string;
  refreshToken: string | null;
  /** When the access token stops working; null when the network does not say. */
  expiresAt: Date | null;
  /** Scopes the person granted (may be fewer than asked for). */
  scopes: string[];
}

/** The account a connector acts for: the network's id for it plus usable tokens. */
export interface AccountCredentials {
  externalAccountId: string;
  accessToken: string;
  /** The account's network-specific settings as last read (the Sandbox's simulation). */
  settings?: Readonly<Record<string, unknown>>;
}

/** One attached media item, readable by the connector either way the network wants it. */
export interface PublishMedia extends MediaFacts {
  id: string;
  /** A signed, expiring public URL, for networks that fetch media themselves. */
  url: string;
  read(): Promise<Buffer>;
}

export interface PublishRequest {
  /**
   * Stable for every attempt of one (variant, occurrence): connectors pass it where the network
   * accepts an idempotency key and the publisher uses it to reconcile after a crash.
   */
  idempotencyKey: string;
  postType: PostType;
  text: string;
  link: string | null;
  media: PublishMedia[];
  /** Network-specific options (first comment, thread parts, poll options …). */
  options: Record<string, unknown>;
}

export interface PublishedPost {
  externalId: string;
  url: string | null;
}

export interface PostMetrics {
  impressions: number;
  reach: number;
  likes: number;
  comments: number;
  shares: number;
  clicks: number;
}

/** What a connector throws when the network refuses: the publisher acts on `failure.kind`. */
export class ConnectorFailure extends Error {
  constructor(readonly failure: FailureClass) {
    super(failure.reason);
    this.name = 'ConnectorFailure';
  }
}

/** Thrown by `findPublished` when the network cannot answer for this account: a person decides. */
export class LookupUnavailableError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'LookupUnavailableError';
  }
}

/** One per network, in `connectors/<network>/`; generic code reaches them through the registry. */
export interface Connector {
  readonly network: NetworkId;
  readonly limits: NetworkLimits;
  publish(account: AccountCredentials, request: PublishRequest): Promise<PublishedPost>;
  /**
   * Finds a post an earlier, interrupted attempt may have created (by idempotency key or by
   * matching recent posts). `undefined` means the network offers no way to look: a person decides.
   */
  findPublished?(account: AccountCredentials, request: PublishRequest): Promise<PublishedPost | null>;
  delete(account: AccountCredentials, externalId: string): Promise<void>;
  fetchMetrics(account: AccountCredentials, externalId: string): Promise<PostMetrics>;
}

/** The person-facing part of connecting an account: OAuth 2 authorization code (+ PKCE where supported). */
export interface OAuthProvider {
  readonly network: NetworkId;
  readonly usesPkce: boolean;
  /** Scopes publishing needs; a grant without one of them is reported as missing scopes. */
  readonly requiredScopes: string[];
  authorizeUrl(input: { state: string; redirectUri: string; codeChallenge: string | null }): string;
  exchangeCode(input: { code: string; redirectUri: string; codeVerifier: string | null }): Promise<TokenSet>;
  /** Null when the network has no refresh (the person reconnects before expiry). */
  refresh(refreshToken: string): Promise<TokenSet | null>;
  /** The accounts the grant can publish to (a Facebook user may manage several Pages). */
  listAccounts(tokens: TokenSet): Promise<Array<{ externalAccountId: string; name: string; accessToken?: string }>>;
}

/** Where a network's API lives and the app's credentials there; tests point the URLs at local fakes. */
export interface NetworkEndpoints {
  apiBaseUrl: string;
  authBaseUrl: string;
  clientId: string;
  clientSecret: string;
}

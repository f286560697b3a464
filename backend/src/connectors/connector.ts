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

/** A post's counts as the network reports them now. A metric the network does not provide is null, never 0. */
export interface PostMetrics {
  impressions: number | null;
  reach: number | null;
  /** Link clicks. */
  clicks: number | null;
  /** All reactions together (likes, loves, …). */
  reactions: number | null;
  /** Reactions by kind as the network names them (like, love, haha …); null where it does not split them. */
  reactionsByType: Record<string, number> | null;
  comments: number | null;
  shares: number | null;
  saves: number | null;
  videoViews: number | null;
}

/** Every metric "not provided": the start connectors fill in what their network reports. */
export const NO_METRICS: Readonly<PostMetrics> = Object.freeze({
  impressions: null,
  reach: null,
  clicks: null,
  reactions: null,
  reactionsByType: null,
  comments: null,
  shares: null,
  saves: null,
  videoViews: null,
});

/** An account's own figures as of now; null where the network does not say. */
export interface AccountStats {
  followers: number | null;
  following: number | null;
  posts: number | null;
  profileViews: number | null;
}

/** A post the network lists for the account (published outside the platform too). */
export interface NetworkPost {
  externalId: string;
  url: string | null;
  text: string;
  publishedAt: Date;
  postType: PostType;
  mediaKind: 'image' | 'video' | null;
}

/** A recent post of an account we don't own, with the public part of its metrics. */
export interface PublicPost {
  externalId: string;
  publishedAt: Date;
  postType: PostType;
  metrics: PostMetrics;
}

/** Public figures of an account we don't own (a competitor). */
export interface PublicAccount {
  externalId: string;
  handle: string;
  name: string;
  followers: number | null;
  following: number | null;
  posts: number | null;
  recentPosts: PublicPost[];
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

/**
 * The token lacks the permission to read insights (or the network refuses them to this account):
 * metrics are marked unavailable and the account page shows `reason`, which says what to do.
 */
export class MetricsUnavailableError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'MetricsUnavailableError';
  }
}

/**
 * Competitor lookup found no public account by that handle (or the network will not show it).
 * A `bad-request` ConnectorFailure, so callers that handle those already answer 400 on the handle.
 */
export class PublicAccountNotFoundError extends ConnectorFailure {
  constructor(readonly reason: string) {
    super({ kind: 'bad-request', reason });
    this.name = 'PublicAccountNotFoundError';
  }
}

/** One per network, in `connectors/<network>/`; generic code reaches them through the registry. */
export interface Connector {
  readonly network: NetworkId;
  readonly limits: NetworkLimits;
  /** Limits that differ per account (a Mastodon instance's own character and media limits). */
  limitsFor?(account: AccountCredentials): NetworkLimits;
  publish(account: AccountCredentials, request: PublishRequest): Promise<PublishedPost>;
  /**
   * Finds a post an earlier, interrupted attempt may have created (by idempotency key or by
   * matching recent posts). `undefined` means the network offers no way to look: a person decides.
   */
  findPublished?(account: AccountCredentials, request: PublishRequest): Promise<PublishedPost | null>;
  delete(account: AccountCredentials, externalId: string): Promise<void>;
  /** How many posts one metrics call may ask for (1 where the network has no batch read). */
  readonly metricsBatchSize: number;
  /**
   * Metrics of several posts (at most `metricsBatchSize`); an id missing from the map is a post the
   * network no longer has. Throws MetricsUnavailableError when insights cannot be read at all,
   * ConnectorFailure for everything else (429 with Retry-After is a `retry`).
   */
  fetchMetrics(account: AccountCredentials, externalIds: string[]): Promise<Map<string, PostMetrics>>;
  /** Today's followers, following, posts and profile views of the account. */
  fetchAccountStats(account: AccountCredentials): Promise<AccountStats>;
  /** Posts since `since`, newest first, where the network lists an account's posts. */
  listPosts?(account: AccountCredentials, since: Date): Promise<NetworkPost[]>;
  /** Competitor lookup by handle, where the network lets us read public figures. */
  lookupPublicAccount?(account: AccountCredentials, handle: string): Promise<PublicAccount>;
}

/** An account an OAuth grant covers, as the network lists it. */
export interface GrantedAccount {
  externalAccountId: string;
  name: string;
  /** Its own token where the network issues one per account (a Facebook Page's). */
  accessToken?: string;
  /** What the person chooses from when posting (Pinterest boards, a Business Profile location's names), kept in the account's settings. */
  settings?: Record<string, unknown>;
}

/** The person-facing part of connecting an account: OAuth 2 authorization code (+ PKCE where supported). */
export interface OAuthProvider {
  readonly network: NetworkId;
  readonly usesPkce: boolean;
  /** Scopes publishing needs; a grant without one of them is reported as missing scopes. */
  readonly requiredScopes: string[];
  /**
   * Networks on many hosts (Mastodon): checks and normalises the server the person named, before
   * anything is stored. `instanceUrl` then reaches authorizeUrl, exchangeCode and listAccounts.
   */
  resolveInstance?(instanceUrl: string): Promise<string>;
  authorizeUrl(input: {
    state: string;
    redirectUri: string;
    codeChallenge: string | null;
    instanceUrl?: string | null;
  }): string | Promise<string>;
  exchangeCode(input: {
    code: string;
    redirectUri: string;
    codeVerifier: string | null;
    instanceUrl?: string | null;
  }): Promise<TokenSet>;
  /** Null when the network has no refresh (the person reconnects before expiry). */
  refresh(refreshToken: string): Promise<TokenSet | null>;
  /** The accounts the grant can publish to (a Facebook user may manage several Pages). */
  listAccounts(tokens: TokenSet, instanceUrl?: string | null): Promise<GrantedAccount[]>;
}

/** Where a network's API lives and the app's credentials there; tests point the URLs at local fakes. */
export interface NetworkEndpoints {
  apiBaseUrl: string;
  authBaseUrl: string;
  clientId: string;
  clientSecret: string;
}

/** How a person connects an account of a network. */
export type ConnectMode = 'demo' | 'oauth' | 'credentials';

/** One input a credentials network asks for (a bot token, an app password, a site URL). */
export interface CredentialField {
  name: string;
  label: string;
  kind: 'text' | 'secret' | 'url';
  required: boolean;
  help: string;
  placeholder?: string;
}

/** An account the network confirmed for the given credentials. */
export interface VerifiedAccount {
  externalAccountId: string;
  name: string;
  tokens: TokenSet;
  settings?: Record<string, unknown>;
}

/** Networks that connect with credentials a person pastes (app password, bot token) instead of OAuth. */
export interface CredentialsProvider {
  readonly network: NetworkId;
  readonly fields: CredentialField[];
  /** Checks them against the network before anything is saved. Throws CredentialsRejectedError naming the field. */
  verify(credentials: Record<string, string>): Promise<VerifiedAccount[]>;
}

/** A credential the network refused: the API answers 400 naming `credentials.<field>`. */
export class CredentialsRejectedError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'CredentialsRejectedError';
  }
}

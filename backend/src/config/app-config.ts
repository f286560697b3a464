import { randomBytes } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { RUNTIME_LIMIT_SETTINGS } from '@socialorchestrator/flow-runtime';
import { z } from 'zod';

/** The one typed configuration object. Nothing else in the backend reads process.env. */
export interface AppConfig {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  databaseUrl: string;
  webDistDir: string | null;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Largest JSON or form body accepted, in bytes. */
  bodyLimitBytes: number;
  jwtSecret: string;
  /** 32 bytes for AES-256-GCM (provider tokens and other secrets at rest). */
  encryptionKey: Buffer;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  inviteTtlHours: number;
  passwordResetTtlMinutes: number;
  smtpUrl: string | null;
  mailFrom: string;
  runWorker: boolean;
  flowRuntime: 'child' | 'off';
  /** Who the flow runtime child runs as when the API is root; null keeps the API's own user. */
  flowRuntimeUser: { uid: number; gid: number } | null;
  loginMaxFailures: number;
  loginWindowSeconds: number;
  /** Failures of one account from everywhere in the window before its sign-ins are slowed. */
  loginAccountBrakeFailures: number;
  /** Redis shared by every process (rate-limit counters); null keeps them in each process. */
  redisUrl: string | null;
  rateLimits: {
    /** Requests per API key, and per user, per window; 0 turns the API limit off. */
    apiRequests: number;
    apiWindowSeconds: number;
    registrationsPerIpPerHour: number;
    passwordResetsPerEmailPerHour: number;
  };
  /** Bearer token `/metrics` demands; null leaves it open outside production and closed in it. */
  metricsToken: string | null;
  /** Whether `/api/docs` and `/api/openapi.json` are served. */
  apiDocs: boolean;
  media: {
    maxUploadBytes: number;
    azureConnectionString: string | null;
    azureContainer: string;
    /** ffmpeg (video thumbnails) and ffprobe (video facts): the npm-packaged binaries unless set. */
    ffmpegPath: string;
    ffprobePath: string;
  };
  publishing: {
    /** How often the engine looks for due posts when idle. */
    pollMs: number;
    /** How many posts one worker sends at once. */
    concurrency: number;
    /** How long a worker owns a post it is sending; after that the post is looked up on the network. */
    leaseMs: number;
  };
  automation: {
    /** Nodes one message may pass before its run is stopped (loop guard). */
    maxHops: number;
    /** Steps one run may take in all before it is stopped (step guard). */
    maxSteps: number;
    /** Deliveries per workspace per second before its runs are stopped (flood guard). */
    messagesPerSecond: number;
    /** Runs of one workspace in flight at once; more wait their turn in the queue. */
    maxConcurrentRuns: number;
    /** A run still running after this is stopped. */
    maxRunMs: number;
    /** Feeds fetched at once, taken in turn from each workspace; and how long one fetch may take. */
    feedConcurrency: number;
    feedTimeoutMs: number;
  };
  /** Whether server-side fetches (feeds, webhooks, media by URL) may reach private networks. */
  allowPrivateUrls: boolean;
  analytics: {
    /** Raw metric snapshots older than this are deleted; the daily rollups are kept for good. */
    snapshotRetentionDays: number;
  };
  /** App credentials per network family; null leaves that network off (OAuth start names the missing setting). */
  networks: Record<NetworkApp, NetworkAppConfig | null>;
  /** The Threads API host (Threads uses the Meta app's id and secret). */
  threadsApiUrl: string;
  /** Telegram's Bot API host: bots bring their own token, so there is no server app to configure. */
  telegram: { apiBaseUrl: string };
}

/** Facebook and Instagram share one Meta app; YouTube and Google Business Profile one Google app. */
export type NetworkApp = 'meta' | 'x' | 'linkedin' | 'pinterest' | 'google' | 'tiktok';

export interface NetworkAppConfig {
  clientId: string;
  clientSecret: string;
  /** Overrides of the network's public API and login hosts (a proxy, or a local stand-in in tests). */
  apiBaseUrl: string | null;
  authBaseUrl: string | null;
}

/** The variables that turn a network on (its app's id and secret); none for a network without a server app. */
export function networkCredentials(network: string): string[] {
  const app: NetworkApp | undefined = NETWORK_APPS[network];
  return app ? [NETWORK_VARIABLES[app][0], NETWORK_VARIABLES[app][1]] : [];
}

/** What turns a network on, for messages that tell an admin what to set. */
export function networkSettings(network: string): string {
  const names = networkCredentials(network);
  return names.length ? names.join(' and ') : 'its app credentials';
}

/** The app behind each network that needs one. */
const NETWORK_APPS: Partial<Record<string, NetworkApp>> = {
  facebook: 'meta',
  instagram: 'meta',
  threads: 'meta',
  x: 'x',
  linkedin: 'linkedin',
  pinterest: 'pinterest',
  youtube: 'google',
  tiktok: 'tiktok',
  'google-business': 'google',
};

/** The variables behind each network app, in the order: id, secret, API URL, login URL. */
const NETWORK_VARIABLES = {
  meta: ['META_APP_ID', 'META_APP_SECRET', 'META_GRAPH_URL', 'META_LOGIN_URL'],
  x: ['X_CLIENT_ID', 'X_CLIENT_SECRET', 'X_API_URL', 'X_AUTH_URL'],
  linkedin: ['LINKEDIN_CLIENT_ID', 'LINKEDIN_CLIENT_SECRET', 'LINKEDIN_API_URL', 'LINKEDIN_AUTH_URL'],
  pinterest: ['PINTEREST_APP_ID', 'PINTEREST_APP_SECRET', 'PINTEREST_API_URL', 'PINTEREST_AUTH_URL'],
  google: ['GOOGLE_CLIENT_ID', 'GOOGLE_CLIENT_SECRET', 'GOOGLE_API_URL', 'GOOGLE_AUTH_URL'],
  tiktok: ['TIKTOK_CLIENT_KEY', 'TIKTOK_CLIENT_SECRET', 'TIKTOK_API_URL', 'TIKTOK_AUTH_URL'],
} as const;

/** Every supported variable, its default, and what it means — the README table is generated from this. */
export const CONFIG_VARIABLES = {
  NODE_ENV: '`development`, `production` or `test` (default `development`)',
  PORT: 'HTTP port (default 3000)',
  HOST: 'Interface to bind (default 0.0.0.0)',
  PUBLIC_URL: 'Base URL users reach the app at, used in emailed links (default http://localhost:PORT)',
  DATA_DIR: 'Directory for embedded data: SQLite file, generated secrets, local media (default ./data)',
  DATABASE_URL:
    '`sqlite:<path>`, `postgres://user:pass@host:5432/db` or `mssql://user:pass@host:1433/db` (default `sqlite:./data/socialorchestrator.db`)',
  WEB_DIST_DIR: 'Built web app to serve, `off` to serve none (default `web/dist/web/browser` when built)',
  LOG_LEVEL: '`fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent` (default `info`)',
  BODY_LIMIT: 'Largest JSON body accepted (default 1mb)',
  JWT_SECRET: 'Secret for access tokens, ≥ 32 chars; required in production (embedded: generated into DATA_DIR)',
  ENCRYPTION_KEY:
    'Key for secrets at rest (AES-256-GCM): 32 bytes as base64; required in production (embedded: generated into DATA_DIR)',
  ACCESS_TOKEN_TTL_SECONDS: 'Access token lifetime (default 900)',
  REFRESH_TOKEN_TTL_DAYS: 'Refresh token lifetime (default 30)',
  INVITE_TTL_HOURS: 'How long an invite link stays valid (default 168)',
  PASSWORD_RESET_TTL_MINUTES: 'How long a password reset link stays valid (default 60)',
  SMTP_URL: '`smtp(s)://user:pass@host:port`; unset keeps email in the in-app outbox only',
  MAIL_FROM: 'Sender address (default "SocialOrchestrator <no-reply@localhost>")',
  RUN_WORKER: 'Run background jobs in the API process (default true; set false when a worker process runs)',
  FLOW_RUNTIME:
    '`child` starts and supervises the flow runtime (in the API, or in the worker when one runs), `off` leaves it to another process (default `child`)',
  FLOW_RUNTIME_USER:
    'uid[:gid] the flow runtime child runs as when the API runs as root, so it cannot read DATA_DIR (default: the same user)',
  LOGIN_MAX_FAILURES:
    'Failed logins per account from one IP before that IP is refused for it (default 5); 4× refuses the IP for every account',
  LOGIN_WINDOW_SECONDS: 'Throttling window for failed logins (default 900)',
  LOGIN_ACCOUNT_BRAKE_FAILURES:
    'Failed logins of one account from anywhere in the window before it is slowed to one attempt per 5 s — never locked (default 100)',
  REDIS_URL:
    '`redis://host:6379`: rate-limit counters and live notifications shared by every process (default: in each process)',
  API_RATE_LIMIT:
    'Requests per API key, and per signed-in user, per window; past it 429 with Retry-After (default 6000, 0 = off)',
  API_RATE_WINDOW_SECONDS: 'Window of API_RATE_LIMIT in seconds (default 60)',
  REGISTRATIONS_PER_IP_PER_HOUR: 'Sign-ups one IP may make per hour (default 30)',
  PASSWORD_RESETS_PER_EMAIL_PER_HOUR: 'Password-reset requests per email per hour; 6× that per IP (default 5)',
  METRICS_TOKEN:
    '`/metrics` needs `Authorization: Bearer <token>`; without it, `/metrics` is open outside production and off (404) in production',
  API_DOCS: '`on` or `off`: serve `/api/docs` and `/api/openapi.json` (default on, off when NODE_ENV=production)',
  MEDIA_MAX_UPLOAD_MB: 'Largest media upload in MB (default 512)',
  AZURE_STORAGE_CONNECTION_STRING: 'Store media in Azure Blob Storage (default: a directory under DATA_DIR)',
  AZURE_STORAGE_CONTAINER: 'Azure Blob container for media (default `media`)',
  FFMPEG_PATH:
    'ffmpeg used for video thumbnails (default: the binary shipped in @ffmpeg-installer/ffmpeg, else `ffmpeg` on PATH)',
  FFPROBE_PATH:
    'ffprobe used to measure videos (default: the binary shipped in @ffprobe-installer/ffprobe, else `ffprobe` on PATH)',
  PUBLISH_POLL_MS: 'How often the publishing engine looks for due posts when idle, in ms (default 500)',
  PUBLISH_CONCURRENCY: 'Posts one worker sends to networks at once (default 32)',
  PUBLISH_LEASE_SECONDS:
    'How long a worker owns a post it is sending; a post still sending after that is looked up on the network, never sent blindly again (default 300)',
  FLOW_MAX_HOPS: 'Nodes one automation message may pass before its run is stopped as a loop (default 100)',
  FLOW_MAX_STEPS:
    'Steps one automation run may take in all (every branch, every turn of a loop) before it is stopped (default 1000)',
  FLOW_MESSAGES_PER_SECOND:
    "Automation messages per workspace per second before that workspace's runs are stopped as a flood (default 10000)",
  FLOW_MAX_CONCURRENT_RUNS: 'Automation runs of one workspace in flight at once; more wait in the queue (default 50)',
  FLOW_MAX_RUN_SECONDS:
    'An automation run still running after this is stopped (default 300; waiting runs do not count)',
  FEED_CONCURRENCY: 'Feeds fetched at once, taken in turn from each workspace (default 8)',
  FEED_TIMEOUT_SECONDS: 'How long one feed fetch may take before it counts as failed (default 15)',
  OUTBOUND_ALLOW_PRIVATE_URLS:
    'Let feeds, outgoing webhooks and media by URL reach private networks and localhost (default false)',
  ANALYTICS_SNAPSHOT_RETENTION_DAYS:
    "Days raw post-metric snapshots are kept (a post's metrics-over-time chart); daily rollups are kept for good (default 400)",
  TELEGRAM_API_URL: 'Telegram Bot API base URL (default https://api.telegram.org)',
  META_APP_ID: 'Meta app id: turns on Facebook Pages, Instagram and Threads (with META_APP_SECRET)',
  META_APP_SECRET: 'Meta app secret (also signs every Graph call with appsecret_proof)',
  META_GRAPH_URL: 'Graph API base URL with its version (default https://graph.facebook.com/v23.0)',
  META_LOGIN_URL: 'Facebook Login dialog base URL (default https://www.facebook.com/v23.0)',
  THREADS_API_URL: 'Threads API host, without a version (default https://graph.threads.net); Threads uses the Meta app',
  X_CLIENT_ID: 'X OAuth 2.0 client id: turns on X (with X_CLIENT_SECRET)',
  X_CLIENT_SECRET: 'X OAuth 2.0 client secret',
  X_API_URL: 'X API base URL (default https://api.x.com)',
  X_AUTH_URL: 'X authorize page base URL (default https://x.com)',
  LINKEDIN_CLIENT_ID: 'LinkedIn app client id: turns on LinkedIn (with LINKEDIN_CLIENT_SECRET)',
  LINKEDIN_CLIENT_SECRET: 'LinkedIn app client secret',
  LINKEDIN_API_URL: 'LinkedIn API base URL (default https://api.linkedin.com)',
  LINKEDIN_AUTH_URL: 'LinkedIn OAuth base URL (default https://www.linkedin.com)',
  PINTEREST_APP_ID: 'Pinterest app id: turns on Pinterest (with PINTEREST_APP_SECRET)',
  PINTEREST_APP_SECRET: 'Pinterest app secret key',
  PINTEREST_API_URL: 'Pinterest API base URL (default https://api.pinterest.com)',
  PINTEREST_AUTH_URL: 'Pinterest OAuth page base URL (default https://www.pinterest.com)',
  GOOGLE_CLIENT_ID: 'Google OAuth client id: turns on YouTube and Google Business Profile (with GOOGLE_CLIENT_SECRET)',
  GOOGLE_CLIENT_SECRET: 'Google OAuth client secret',
  GOOGLE_API_URL:
    'One base URL in place of every Google API host (OAuth token, YouTube, Business Profile): a proxy or a local stand-in (default: each API on its own googleapis.com host)',
  GOOGLE_AUTH_URL: 'Google sign-in page base URL (default https://accounts.google.com)',
  TIKTOK_CLIENT_KEY: 'TikTok app client key: turns on TikTok (with TIKTOK_CLIENT_SECRET)',
  TIKTOK_CLIENT_SECRET: 'TikTok app client secret',
  TIKTOK_API_URL: 'TikTok Open API base URL (default https://open.tiktokapis.com)',
  TIKTOK_AUTH_URL: 'TikTok login page base URL (default https://www.tiktok.com)',
} as const;

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
/** A guard the flow runtime enforces, validated here with the runtime's own range and default. */
const runtimeLimit = (name: keyof typeof RUNTIME_LIMIT_SETTINGS) => {
  const { fallback, min, max } = RUNTIME_LIMIT_SETTINGS[name];
  return int(min, max).default(fallback);
};

const UNIT_BYTES: Record<string, number> = { b: 1, kb: 1024, mb: 1024 * 1024 };
/** "512kb" → 524288 (the format is checked first). */
const bytesOf = (size: string) => {
  const [, count, unit] = /^(\d+)(b|kb|mb)$/i.exec(size)!;
  return Number(count) * UNIT_BYTES[unit.toLowerCase()];
};

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: int(0, 65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:|postgres(ql)?:\/\/|mssql:\/\/)/, 'must start with sqlite:, postgres:// or mssql://')
    .optional(),
  WEB_DIST_DIR: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'must look like 512kb or 1mb')
    .default('1mb')
    .transform(bytesOf),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ENCRYPTION_KEY: z
    .string()
    .refine(
      (v) => Buffer.from(v, 'base64').length === 32,
      'must be 32 bytes encoded as base64 (openssl rand -base64 32)',
    )
    .optional(),
  ACCESS_TOKEN_TTL_SECONDS: int(60, 86_400).default(900),
  REFRESH_TOKEN_TTL_DAYS: int(1, 365).default(30),
  INVITE_TTL_HOURS: int(1, 24 * 60).default(168),
  PASSWORD_RESET_TTL_MINUTES: int(5, 24 * 60).default(60),
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MAIL_FROM: z.string().min(3).default('SocialOrchestrator <no-reply@localhost>'),
  RUN_WORKER: bool.default(true),
  FLOW_RUNTIME: z.enum(['child', 'off']).default('child'),
  FLOW_RUNTIME_USER: z
    .string()
    .regex(/^\d+(:\d+)?$/, 'must be a numeric uid or uid:gid (e.g. 1000:1000)')
    .transform((v) => {
      const [uid, gid = uid] = v.split(':').map(Number);
      return { uid, gid };
    })
    .refine(({ uid, gid }) => uid > 0 && gid > 0, 'must not be root (0): the point is another user')
    .optional(),
  LOGIN_MAX_FAILURES: int(1, 1000).default(5),
  LOGIN_WINDOW_SECONDS: int(1, 86_400).default(900),
  LOGIN_ACCOUNT_BRAKE_FAILURES: int(1, 1_000_000).default(100),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  API_RATE_LIMIT: int(0, 10_000_000).default(6000),
  API_RATE_WINDOW_SECONDS: int(1, 86_400).default(60),
  REGISTRATIONS_PER_IP_PER_HOUR: int(1, 1_000_000).default(30),
  PASSWORD_RESETS_PER_EMAIL_PER_HOUR: int(1, 10_000).default(5),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  API_DOCS: z.enum(['on', 'off']).optional(),
  MEDIA_MAX_UPLOAD_MB: int(1, 10_240).default(512),
  AZURE_STORAGE_CONNECTION_STRING: z.string().min(10).optional(),
  AZURE_STORAGE_CONTAINER: z
    .string()
    .regex(
      /^[a-z0-9](?:[a-z0-9-]{1,61})[a-z0-9]$/,
      'must be a valid container name (3-63 lowercase letters, digits, -)',
    )
    .default('media'),
  FFMPEG_PATH: z.string().min(1).optional(),
  FFPROBE_PATH: z.string().min(1).optional(),
  PUBLISH_POLL_MS: int(50, 60_000).default(500),
  PUBLISH_CONCURRENCY: int(1, 1000).default(32),
  PUBLISH_LEASE_SECONDS: int(1, 86_400).default(300),
  FLOW_MAX_HOPS: runtimeLimit('FLOW_MAX_HOPS'),
  FLOW_MAX_STEPS: runtimeLimit('FLOW_MAX_STEPS'),
  FLOW_MESSAGES_PER_SECOND: runtimeLimit('FLOW_MESSAGES_PER_SECOND'),
  FLOW_MAX_CONCURRENT_RUNS: int(1, 100_000).default(50),
  FLOW_MAX_RUN_SECONDS: int(1, 86_400).default(300),
  FEED_CONCURRENCY: int(1, 100).default(8),
  FEED_TIMEOUT_SECONDS: int(1, 300).default(15),
  OUTBOUND_ALLOW_PRIVATE_URLS: bool.default(false),
  ANALYTICS_SNAPSHOT_RETENTION_DAYS: int(1, 3650).default(400),
  THREADS_API_URL: z.url({ protocol: /^https?$/ }).default('https://graph.threads.net'),
  TELEGRAM_API_URL: z.url({ protocol: /^https?$/ }).default('https://api.telegram.org'),
  ...networkVariables(),
});

function networkVariables() {
  const url = z.url({ protocol: /^https?$/ }).optional();
  const credential = z.string().min(1).optional();
  return Object.fromEntries(
    Object.values(NETWORK_VARIABLES).flatMap(([id, secret, api, auth]) => [
      [id, credential],
      [secret, credential],
      [api, url],
      [auth, url],
    ]),
  ) as Record<(typeof NETWORK_VARIABLES)[NetworkApp][number], typeof url>;
}

/** An app id without its secret (or the reverse) is a mistake worth stopping for, not a network quietly off. */
function networkApps(v: Record<string, unknown>): { apps: AppConfig['networks']; problems: string[] } {
  const problems: string[] = [];
  const entries = (Object.keys(NETWORK_VARIABLES) as NetworkApp[]).map((app) => {
    const [idName, secretName, apiName, authName] = NETWORK_VARIABLES[app];
    const [clientId, clientSecret] = [v[idName], v[secretName]] as Array<string | undefined>;
    if (!clientId !== !clientSecret) {
      problems.push(`${clientId ? secretName : idName}: is required when ${clientId ? idName : secretName} is set`);
    }
    if (!clientId || !clientSecret) return [app, null];
    const urlOf = (name: string) => ((v[name] as string | undefined) ?? null)?.replace(/\/+$/, '') ?? null;
    return [app, { clientId, clientSecret, apiBaseUrl: urlOf(apiName), authBaseUrl: urlOf(authName) }];
  });
  return { apps: Object.fromEntries(entries) as AppConfig['networks'], problems };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment once. Throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, repoRoot = defaultRepoRoot()): AppConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const v = parsed.data;
  const dataDir = resolve(v.DATA_DIR);
  if (v.NODE_ENV === 'production') {
    const missing = (['JWT_SECRET', 'ENCRYPTION_KEY'] as const).filter((name) => !v[name]);
    if (missing.length) throw new ConfigError(missing.map((name) => `${name}: is required when NODE_ENV=production`));
  }
  const networks = networkApps(v);
  if (networks.problems.length) throw new ConfigError(networks.problems);
  return {
    env: v.NODE_ENV,
    port: v.PORT,
    host: v.HOST,
    publicUrl: (v.PUBLIC_URL ?? `http://localhost:${v.PORT}`).replace(/\/$/, ''),
    dataDir,
    databaseUrl: v.DATABASE_URL ?? `sqlite:${join(dataDir, 'socialorchestrator.db')}`,
    webDistDir: resolveWebDist(v.WEB_DIST_DIR, repoRoot),
    logLevel: v.LOG_LEVEL,
    bodyLimitBytes: v.BODY_LIMIT,
    jwtSecret: v.JWT_SECRET ?? embeddedSecret(dataDir, 'jwt', 48),
    encryptionKey: Buffer.from(v.ENCRYPTION_KEY ?? embeddedSecret(dataDir, 'encryption', 32, 'base64'), 'base64'),
    accessTokenTtlSeconds: v.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlDays: v.REFRESH_TOKEN_TTL_DAYS,
    inviteTtlHours: v.INVITE_TTL_HOURS,
    passwordResetTtlMinutes: v.PASSWORD_RESET_TTL_MINUTES,
    smtpUrl: v.SMTP_URL ?? null,
    mailFrom: v.MAIL_FROM,
    runWorker: v.RUN_WORKER,
    flowRuntime: v.FLOW_RUNTIME,
    flowRuntimeUser: v.FLOW_RUNTIME_USER ?? null,
    loginMaxFailures: v.LOGIN_MAX_FAILURES,
    loginWindowSeconds: v.LOGIN_WINDOW_SECONDS,
    loginAccountBrakeFailures: v.LOGIN_ACCOUNT_BRAKE_FAILURES,
    redisUrl: v.REDIS_URL ?? null,
    rateLimits: {
      apiRequests: v.API_RATE_LIMIT,
      apiWindowSeconds: v.API_RATE_WINDOW_SECONDS,
      registrationsPerIpPerHour: v.REGISTRATIONS_PER_IP_PER_HOUR,
      passwordResetsPerEmailPerHour: v.PASSWORD_RESETS_PER_EMAIL_PER_HOUR,
    },
    metricsToken: v.METRICS_TOKEN ?? null,
    // Docs describe every route to anyone: on while developing, opt-in in production.
    apiDocs: v.API_DOCS ? v.API_DOCS === 'on' : v.NODE_ENV !== 'production',
    media: {
      maxUploadBytes: v.MEDIA_MAX_UPLOAD_MB * 1024 * 1024,
      azureConnectionString: v.AZURE_STORAGE_CONNECTION_STRING ?? null,
      azureContainer: v.AZURE_STORAGE_CONTAINER,
      ffmpegPath: v.FFMPEG_PATH ?? packagedBinary('@ffmpeg-installer/ffmpeg', 'ffmpeg'),
      ffprobePath: v.FFPROBE_PATH ?? packagedBinary('@ffprobe-installer/ffprobe', 'ffprobe'),
    },
    publishing: {
      pollMs: v.PUBLISH_POLL_MS,
      concurrency: v.PUBLISH_CONCURRENCY,
      leaseMs: v.PUBLISH_LEASE_SECONDS * 1000,
    },
    automation: {
      maxHops: v.FLOW_MAX_HOPS,
      maxSteps: v.FLOW_MAX_STEPS,
      messagesPerSecond: v.FLOW_MESSAGES_PER_SECOND,
      maxConcurrentRuns: v.FLOW_MAX_CONCURRENT_RUNS,
      maxRunMs: v.FLOW_MAX_RUN_SECONDS * 1000,
      feedConcurrency: v.FEED_CONCURRENCY,
      feedTimeoutMs: v.FEED_TIMEOUT_SECONDS * 1000,
    },
    allowPrivateUrls: v.OUTBOUND_ALLOW_PRIVATE_URLS,
    analytics: { snapshotRetentionDays: v.ANALYTICS_SNAPSHOT_RETENTION_DAYS },
    networks: networks.apps,
    threadsApiUrl: v.THREADS_API_URL.replace(/\/+$/, ''),
    telegram: { apiBaseUrl: v.TELEGRAM_API_URL.replace(/\/+$/, '') },
  };
}

function defaultRepoRoot(): string {
  // backend/dist/config or backend/src/config → repository root
  return resolve(__dirname, '..', '..', '..');
}

/**
 * The binary an npm package ships for this platform, so videos are measured on a machine without
 * a system ffmpeg; the tool's name on PATH where the package has no binary for this platform (its
 * index throws) or the binary cannot be run.
 */
function packagedBinary(pkg: string, onPath: string): string {
  try {
    // Loaded lazily: the package's index throws on a platform it ships no binary for.
    const { path } = createRequire(__filename)(pkg) as { path: string };
    accessSync(path, constants.X_OK);
    return path;
  } catch {
    return onPath;
  }
}

function resolveWebDist(configured: string | undefined, repoRoot: string): string | null {
  if (configured !== undefined) return configured === 'off' ? null : resolve(configured);
  const built = join(repoRoot, 'web', 'dist', 'web', 'browser');
  return existsSync(join(built, 'index.html')) ? built : null;
}

/**
 * Embedded defaults need no keys: a secret is generated on first start and kept beside the
 * SQLite file, so tokens survive restarts. Production must pass secrets explicitly.
 */
function embeddedSecret(
  dataDir: string,
  name: string,
  bytes: number,
  encoding: 'base64url' | 'base64' = 'base64url',
): string {
  const file = join(dataDir, 'secrets.json');
  mkdirSync(dataDir, { recursive: true });
  const secrets: Record<string, string> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  if (!secrets[name]) {
    secrets[name] = randomBytes(bytes).toString(encoding);
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets[name];
}

import type { AppConfig } from '../config/app-config';

/** The share of a limit at which the people who can act are told. */
export const LIMIT_WARNING_SHARE = 0.8;

/** A limit a workspace can reach, how it is said, and where it is shown. Billing's plan limits join here. */
export interface LimitInfo {
  /** What is limited, as a heading says it. */
  label: string;
  /** Its size here (configuration today, the plan once billing sets it), and its window if it has one. */
  size: (config: AppConfig) => { limit: number; windowSeconds: number | null };
  /** `about`: what the limit belongs to when it is one of many (`API key "Zapier"`). */
  title: (about?: string) => string;
  /** How much is used, what happens past the limit, and what to do. */
  body: (used: number, limit: number, about?: string) => string;
  /** The page that shows it, under the workspace. */
  page: string;
}

export const LIMITS = {
  'automation.concurrent_runs': {
    label: 'Automation runs at once',
    size: (config) => ({ limit: config.automation.maxConcurrentRuns, windowSeconds: null }),
    title: () => 'Automations are near their limit of runs at once',
    body: (used, limit) =>
      `${used} of the ${limit} runs this workspace may have at once are running. Runs beyond it wait their turn in the queue: spread triggers out, or ask your administrator for a higher limit.`,
    page: 'automations',
  },
  'api.requests': {
    label: 'API requests per API key',
    size: (config) => ({ limit: config.rateLimits.apiRequests, windowSeconds: config.rateLimits.apiWindowSeconds }),
    title: (about) => `${about ?? 'An API key'} is near its request limit`,
    body: (used, limit) =>
      `It made ${used} of the ${limit} requests it may make per window. Requests beyond it are refused (429) until the window resets: slow the integration down.`,
    page: 'api-keys',
  },
} satisfies Record<string, LimitInfo>;

/** Which limit: a key of LIMITS, optionally `:<id>` for one of many (an API key's own budget). */
export type LimitKey = keyof typeof LIMITS | `${keyof typeof LIMITS}:${string}`;

import type { NetworkEndpoints } from '../connector';
import { GraphClient, GraphClientOptions } from '../meta-graph/graph-client';

/** The Threads API host; its Graph calls are versioned below it, its OAuth endpoints are not. */
export const THREADS_DEFAULT_URLS = {
  apiBaseUrl: 'https://graph.threads.net',
  authBaseUrl: 'https://threads.net',
};
export const THREADS_API_VERSION = 'v1.0';

/** The Threads app (Meta's) and the hosts tests point at local fakes. */
export type ThreadsEndpoints = NetworkEndpoints;

/**
 * Threads speaks the Graph API dialect (same error bodies and codes), so the Meta client serves it.
 * No appsecret_proof: a Threads app has its own secret, and Threads does not ask for the proof.
 */
export function threadsGraph(endpoints: ThreadsEndpoints, options: GraphClientOptions = {}): GraphClient {
  const apiBaseUrl = `${endpoints.apiBaseUrl.replace(/\/+$/, '')}/${THREADS_API_VERSION}`;
  return new GraphClient({ apiBaseUrl, clientSecret: '' }, options);
}

/** The unversioned host, for the token exchanges (/oauth/access_token, /access_token, /refresh_access_token). */
export function threadsOAuthGraph(endpoints: ThreadsEndpoints, options: GraphClientOptions = {}): GraphClient {
  return new GraphClient({ apiBaseUrl: endpoints.apiBaseUrl, clientSecret: '' }, options);
}

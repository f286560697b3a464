import { ConnectorFailure } from '../connector';

/**
 * What a WordPress account's sealed access token holds: the site, the user and their application
 * password, plus the REST root the site announced when it was connected (`…/wp-json/`, or
 * `…/index.php?rest_route=/` on sites with plain permalinks).
 */
export interface WordPressSite {
  siteUrl: string;
  username: string;
  applicationPassword: string;
  apiRoot: string;
}

export const WORDPRESS_LABEL = 'WordPress';

export function sealableSite(site: WordPressSite): string {
  return JSON.stringify(site);
}

/** Reads the access token back; a token that is not ours means the account must be connected again. */
export function siteOf(accessToken: string): WordPressSite {
  let parsed: unknown;
  try {
    parsed = JSON.parse(accessToken);
  } catch {
    parsed = null;
  }
  const site = parsed as Partial<WordPressSite> | null;
  if (
    !site ||
    typeof site.siteUrl !== 'string' ||
    typeof site.username !== 'string' ||
    typeof site.applicationPassword !== 'string' ||
    typeof site.apiRoot !== 'string'
  )
    throw new ConnectorFailure({
      kind: 'reauth',
      reason: 'The WordPress connection is incomplete: connect the site again',
    });
  return site as WordPressSite;
}

/** HTTP Basic with the application password, as WordPress (5.6+) takes it. */
export function basicAuth(site: Pick<WordPressSite, 'username' | 'applicationPassword'>): string {
  return `Basic ${Buffer.from(`${site.username}:${site.applicationPassword}`).toString('base64')}`;
}

export type Query = Record<string, string | number | undefined>;

/**
 * A route under the site's REST root. Plain-permalink sites take the route in `rest_route`, pretty
 * ones in the path; WordPress announces which in its discovery Link header.
 */
export function restUrl(apiRoot: string, route: string, query: Query = {}): string {
  const url = new URL(apiRoot);
  const routed = url.searchParams.get('rest_route');
  if (routed !== null) url.searchParams.set('rest_route', `${routed.replace(/\/$/, '')}${route}`);
  else url.pathname = `${url.pathname.replace(/\/$/, '')}${route}`;
  for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, String(value));
  return url.toString();
}

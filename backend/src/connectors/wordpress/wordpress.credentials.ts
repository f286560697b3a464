import {
  ConnectorFailure,
  CredentialField,
  CredentialsProvider,
  CredentialsRejectedError,
  VerifiedAccount,
} from '../connector';
import { requireString, valueAt } from '../oauth2/network-http';
import { jsonOf, WordPressApi } from './wordpress.api';
import { plainText } from './wordpress.content';
import { basicAuth, restUrl, sealableSite, WordPressSite } from './wordpress.site';

const FIELDS: CredentialField[] = [
  {
    name: 'siteUrl',
    label: 'Site address',
    kind: 'url',
    required: true,
    help: 'The address of your WordPress site, as visitors open it.',
    placeholder: 'https://blog.example.com',
  },
  {
    name: 'username',
    label: 'Username',
    kind: 'text',
    required: true,
    help: 'The WordPress user articles are published as (an Author, Editor or Administrator).',
  },
  {
    name: 'applicationPassword',
    label: 'Application password',
    kind: 'secret',
    required: true,
    help: 'Made in WordPress under Users → Profile → Application Passwords (not your login password).',
    placeholder: 'abcd efgh ijkl mnop qrst uvwx',
  },
];

/** WordPress announces its REST API's root in a Link header of every page (the "discovery" link). */
const API_LINK = /<([^>]+)>;\s*rel="https:\/\/api\.w\.org\/"/;

/**
 * Connects a WordPress site with an application password: finds the site's REST root, then asks
 * who the password belongs to (users/me in the edit context, which only its owner may read).
 * WordPress.com sites on plans with plugins answer the same way; WordPress.com's own OAuth API is not used.
 */
export class WordPressCredentialsProvider implements CredentialsProvider {
  readonly network = 'wordpress' as const;
  readonly fields = FIELDS;
  private readonly api: WordPressApi;

  constructor(outbound: { allowPrivate: boolean }) {
    this.api = new WordPressApi(outbound);
  }

  async verify(credentials: Record<string, string>): Promise<VerifiedAccount[]> {
    const typed = siteAddress(credentials.siteUrl);
    const username = required(credentials, 'username');
    const applicationPassword = required(credentials, 'applicationPassword');
    const apiRoot = await this.apiRoot(typed);
    const typedSite: WordPressSite = { siteUrl: typed, username, applicationPassword, apiRoot };
    const [index, me] = await Promise.all([
      this.read(typedSite, '/', false),
      this.read(typedSite, '/wp/v2/users/me', true),
    ]);
    // The site's own home address, so any page of it (or http for https) names the same account.
    const siteUrl = homeOf(index) ?? typed;
    const site = { ...typedSite, siteUrl };
    if (valueAt(me, 'capabilities.edit_posts') !== true)
      throw new CredentialsRejectedError(
        'username',
        `${username} may not write posts on this site: choose an Author, Editor or Administrator`,
      );
    const siteName = plainText(String(valueAt(index, 'name') ?? '')) || new URL(siteUrl).host;
    const userId = requireString(me, 'id', 'WordPress');
    return [
      {
        externalAccountId: `${siteUrl}#user-${userId}`,
        name: `${siteName} (${plainText(String(valueAt(me, 'name') ?? username))})`,
        tokens: { accessToken: sealableSite(site), refreshToken: null, expiresAt: null, scopes: [] },
        settings: {
          siteUrl,
          siteName,
          userId: Number(userId),
          canPublish: valueAt(me, 'capabilities.publish_posts') === true,
          canCreateTerms: valueAt(me, 'capabilities.manage_categories') === true,
          canUpload: valueAt(me, 'capabilities.upload_files') === true,
        },
      },
    ];
  }

  /** The REST root from the home page's discovery link, else the default /wp-json/. */
  private async apiRoot(siteUrl: string): Promise<string> {
    const home = await this.reach(siteUrl, () => this.api.fetch(`${siteUrl}/`, { method: 'GET', headers: {} }));
    const announced = API_LINK.exec(home.headers.get('link') ?? '')?.[1];
    return announced ? new URL(announced, siteUrl).toString() : `${siteUrl}/wp-json/`;
  }

  /** A route's JSON, with the password (and its refusal named on the field it concerns). */
  private async read(site: WordPressSite, route: string, withPassword: boolean): Promise<unknown> {
    const url = restUrl(site.apiRoot, route, withPassword ? { context: 'edit' } : {});
    const headers: Record<string, string> = { accept: 'application/json' };
    if (withPassword) headers.authorization = basicAuth(site);
    const reply = await this.reach(site.siteUrl, () => this.api.fetch(url, { method: 'GET', headers }));
    if (reply.status >= 500 || reply.status === 429)
      throw new ConnectorFailure({
        kind: 'retry',
        afterMs: null,
        reason: `The WordPress site answered HTTP ${reply.status}`,
      });
    let body: unknown;
    try {
      body = jsonOf(reply);
    } catch {
      throw noRestApi(site.siteUrl);
    }
    const code = valueAt(body, 'code');
    if (reply.status === 401 || reply.status === 403) {
      if (code === 'invalid_username' || code === 'invalid_email')
        throw new CredentialsRejectedError('username', `WordPress does not know the user ${site.username}`);
      if (code === 'application_passwords_disabled' || code === 'application_passwords_disabled_for_user')
        throw new CredentialsRejectedError(
          'applicationPassword',
          `This site has application passwords turned off: ${String(valueAt(body, 'message'))}`,
        );
      throw new CredentialsRejectedError(
        'applicationPassword',
        'WordPress refused this application password for that user: make a new one under Users → Profile → Application Passwords',
      );
    }
    if (reply.status === 404 || code === 'rest_no_route' || code === 'rest_disabled') throw noRestApi(site.siteUrl);
    if (reply.status >= 300) throw noRestApi(site.siteUrl);
    return body;
  }

  /** A site that cannot be reached is named on siteUrl; one that answers 5xx is the network's trouble (502). */
  private async reach<T>(siteUrl: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof ConnectorFailure)) throw error;
      const redirect = /redirect/i.test(error.message)
        ? ': it redirects elsewhere, give the address it redirects to (https, www)'
        : '';
      throw new CredentialsRejectedError(
        'siteUrl',
        `${siteUrl} could not be reached${redirect || `: ${error.message}`}`,
      );
    }
  }
}

function homeOf(index: unknown): string | null {
  const home = valueAt(index, 'home');
  if (typeof home !== 'string') return null;
  try {
    return siteAddress(home);
  } catch {
    return null;
  }
}

function required(credentials: Record<string, string>, field: string): string {
  const value = credentials[field]?.trim();
  if (!value) throw new CredentialsRejectedError(field, 'is required');
  return value;
}

/** An http(s) address without a trailing slash, query or fragment. */
function siteAddress(input: string | undefined): string {
  const value = input?.trim();
  if (!value) throw new CredentialsRejectedError('siteUrl', 'is required');
  let url: URL;
  try {
    url = new URL(/^https?:\/\//i.test(value) ? value : `https://${value}`);
  } catch {
    throw new CredentialsRejectedError('siteUrl', 'must be the address of a website, like https://blog.example.com');
  }
  if (!['http:', 'https:'].includes(url.protocol))
    throw new CredentialsRejectedError('siteUrl', 'must be an http(s) address');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function noRestApi(siteUrl: string): CredentialsRejectedError {
  return new CredentialsRejectedError(
    'siteUrl',
    `No WordPress REST API answers at ${siteUrl}: check the address, and that no plugin turns the REST API off`,
  );
}

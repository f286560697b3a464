import type { GrantedAccount, TokenSet } from '../connector';
import { GoogleOAuthProvider } from '../google/google-oauth';
import { optionalArray, requireString, valueAt } from '../oauth2/network-http';
import { GOOGLE_BUSINESS_LABEL, GoogleBusinessApi } from './google-business.api';

/** The one scope the Business Profile APIs take for reading locations and managing their posts. */
export const GOOGLE_BUSINESS_SCOPES = ['https://www.googleapis.com/auth/business.manage'];

/** Pages of accounts and of each account's locations read on connect (100 locations a page). */
const MAX_PAGES = 10;

/**
 * Google sign-in for Business Profile: every location of every business account the person
 * manages becomes an account here, keyed `accounts/{a}/locations/{l}` as the v4 posts API needs.
 */
export class GoogleBusinessOAuthProvider extends GoogleOAuthProvider {
  readonly network = 'google-business' as const;
  readonly requiredScopes = GOOGLE_BUSINESS_SCOPES;

  async listAccounts(tokens: TokenSet): Promise<GrantedAccount[]> {
    const api = new GoogleBusinessApi(this.endpoints.apiBaseUrl);
    const token = tokens.accessToken;
    const accounts = await paged(
      (page) => api.json(token, 'mybusinessaccountmanagement', 'GET', `/v1/accounts${pageQuery(page)}`),
      'accounts',
    );
    const found: GrantedAccount[] = [];
    for (const account of accounts) {
      const accountName = requireString(account, 'name', GOOGLE_BUSINESS_LABEL);
      const locations = await paged((page) => {
        const query = `readMask=name,title,storefrontAddress,metadata&pageSize=100${page ? `&pageToken=${encodeURIComponent(page)}` : ''}`;
        return api.json(token, 'mybusinessbusinessinformation', 'GET', `/v1/${accountName}/locations?${query}`);
      }, 'locations');
      for (const location of locations) found.push(locationAccount(accountName, account, location));
    }
    return found;
  }
}

function locationAccount(accountName: string, account: unknown, location: unknown): GrantedAccount {
  const locationName = requireString(location, 'name', GOOGLE_BUSINESS_LABEL);
  const title = requireString(location, 'title', GOOGLE_BUSINESS_LABEL);
  const city = valueAt(location, 'storefrontAddress.locality');
  const mapsUri = valueAt(location, 'metadata.mapsUri');
  return {
    externalAccountId: `${accountName}/${locationName}`,
    name: typeof city === 'string' && city ? `${title} (${city})` : title,
    settings: {
      businessAccount: accountName,
      businessAccountName: valueAt(account, 'accountName') ?? null,
      location: locationName,
      title,
      mapsUri: typeof mapsUri === 'string' ? mapsUri : null,
    },
  };
}

const pageQuery = (page: string | null) => (page ? `?pageToken=${encodeURIComponent(page)}` : '');

async function paged(read: (page: string | null) => Promise<unknown>, key: string): Promise<unknown[]> {
  const items: unknown[] = [];
  let page: string | null = null;
  for (let i = 0; i < MAX_PAGES; i++) {
    const body = await read(page);
    items.push(...optionalArray(body, key, GOOGLE_BUSINESS_LABEL));
    const next = valueAt(body, 'nextPageToken');
    if (typeof next !== 'string' || !next) break;
    page = next;
  }
  return items;
}

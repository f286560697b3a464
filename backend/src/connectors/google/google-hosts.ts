/**
 * Where Google lives unless GOOGLE_API_URL / GOOGLE_AUTH_URL override it. Each Google API has its
 * own host (mybusiness.googleapis.com, oauth2.googleapis.com …); an override replaces them all with
 * one base URL, so a proxy or a local stand-in answers every API's paths.
 */
export const GOOGLE_DEFAULT_URLS = {
  apiBaseUrl: 'https://googleapis.com',
  authBaseUrl: 'https://accounts.google.com',
};

/** The base URL of one Google API (`service` is its googleapis.com subdomain), without a trailing slash. */
export function googleServiceUrl(apiBaseUrl: string, service: string): string {
  const base = apiBaseUrl.replace(/\/$/, '');
  return base === GOOGLE_DEFAULT_URLS.apiBaseUrl ? `https://${service}.googleapis.com` : base;
}

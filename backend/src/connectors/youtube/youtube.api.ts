import { google, type youtube_v3, type youtubeAnalytics_v2 } from 'googleapis';
import { ConnectorFailure } from '../connector';
import { GOOGLE_DEFAULT_URLS } from '../google/google-hosts';
import type { FailedResponse } from '../failure-classification';
import { retryFailure } from '../oauth2/network-http';
import { classifyYouTubeFailure } from './youtube.errors';

export const YOUTUBE_LABEL = 'YouTube';

/**
 * The shared Google app's endpoints. `apiBaseUrl` null means each API's public host; set (a proxy
 * or a local stand-in in tests), it replaces every Google host at once, paths kept.
 */
export interface GoogleEndpoints {
  clientId: string;
  clientSecret: string;
  apiBaseUrl: string | null;
  authBaseUrl: string | null;
}

const PUBLIC_HOSTS = {
  data: 'https://youtube.googleapis.com',
  upload: 'https://www.googleapis.com',
  analytics: 'https://youtubeanalytics.googleapis.com',
  token: 'https://oauth2.googleapis.com',
  auth: 'https://accounts.google.com',
};

type Host = keyof typeof PUBLIC_HOSTS;

/** The YouTube Data and Analytics APIs through `googleapis`, each call's refusal typed. */
export class YouTubeApi {
  constructor(readonly endpoints: GoogleEndpoints) {}

  host(kind: Host): string {
    if (kind === 'auth') return (this.endpoints.authBaseUrl ?? PUBLIC_HOSTS.auth).replace(/\/+$/, '');
    const base = this.endpoints.apiBaseUrl?.replace(/\/+$/, '');
    // The shared Google configuration names its public default as one host; each API has its own.
    return !base || base === GOOGLE_DEFAULT_URLS.apiBaseUrl ? PUBLIC_HOSTS[kind] : base;
  }

  /** A Data API client acting with one access token; retries are the publisher's, never the SDK's. */
  data(accessToken: string): youtube_v3.Youtube {
    return google.youtube({
      version: 'v3',
      auth: this.oauth(accessToken),
      rootUrl: `${this.host('data')}/`,
      retry: false,
    });
  }

  analytics(accessToken: string): youtubeAnalytics_v2.Youtubeanalytics {
    return google.youtubeAnalytics({
      version: 'v2',
      auth: this.oauth(accessToken),
      rootUrl: `${this.host('analytics')}/`,
      retry: false,
    });
  }

  /** An OAuth client for the app, with the token endpoint moved where the configuration says. */
  client(redirectUri?: string) {
    return new google.auth.OAuth2({
      clientId: this.endpoints.clientId,
      clientSecret: this.endpoints.clientSecret,
      redirectUri,
      endpoints: {
        oauth2AuthBaseUrl: `${this.host('auth')}/o/oauth2/v2/auth`,
        oauth2TokenUrl: `${this.host('token')}/token`,
      },
    });
  }

  /** Runs one SDK call; Google's refusals become ConnectorFailure classified from their reasons. */
  async call<T>(run: () => Promise<{ data: T }>): Promise<T> {
    try {
      return (await run()).data;
    } catch (error) {
      throw asConnectorFailure(error);
    }
  }

  private oauth(accessToken: string) {
    const client = this.client();
    client.setCredentials({ access_token: accessToken });
    return client;
  }
}

/** A refusal with an HTTP answer is classified; anything else (unreachable, unreadable) is worth retrying. */
export function asConnectorFailure(error: unknown): ConnectorFailure {
  if (error instanceof ConnectorFailure) return error;
  const response = (error as { response?: { status?: number; headers?: unknown; data?: unknown } }).response;
  if (!response?.status) return retryFailure(`${YOUTUBE_LABEL} could not be reached: ${(error as Error).message}`);
  const failed: FailedResponse = {
    status: response.status,
    headers: headerRecord(response.headers),
    body: response.data,
  };
  return new ConnectorFailure(classifyYouTubeFailure(failed, new Date()));
}

function headerRecord(headers: unknown): Record<string, string | undefined> {
  if (headers instanceof Headers) return Object.fromEntries(headers.entries());
  return (headers as Record<string, string | undefined> | undefined) ?? {};
}

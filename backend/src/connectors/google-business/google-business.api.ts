import type { FailedResponse, FailureClass } from '../failure-classification';
import { classifyGoogleFailure } from '../google/google-errors';
import { googleServiceUrl } from '../google/google-hosts';
import { callNetwork, callNetworkJson, NetworkReply } from '../oauth2/network-http';

export const GOOGLE_BUSINESS_LABEL = 'Google Business Profile';

/** The Business Profile APIs this connector calls, by host. */
export type BusinessService =
  'mybusinessaccountmanagement' | 'mybusinessbusinessinformation' | 'mybusiness' | 'businessprofileperformance';

/**
 * How Google names a local post's fields in its refusals, as the composer names them, so a
 * bad-request says which of the person's inputs to fix.
 */
export function postFieldName(googleField: string): string {
  const field = googleField.replace(/^local_?post\./i, '').replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  if (field === 'summary') return 'text';
  if (field.startsWith('media')) return 'media';
  if (field.startsWith('callToAction')) return `options.${field.replace('.actionType', '.type')}`;
  if (field.startsWith('event.schedule')) return 'options.event';
  if (field.startsWith('event')) return `options.${field}`;
  if (field.startsWith('offer'))
    return `options.${field.replace('redeemOnlineUrl', 'redeemUrl').replace('termsConditions', 'terms')}`;
  if (field === 'topicType') return 'options.topic';
  return field;
}

export function classifyGoogleBusinessFailure(response: FailedResponse, now: Date): FailureClass {
  return classifyGoogleFailure(GOOGLE_BUSINESS_LABEL, response, now, postFieldName);
}

/** Bearer-token JSON calls to the Business Profile APIs (each on its own Google host). */
export class GoogleBusinessApi {
  constructor(private readonly apiBaseUrl: string) {}

  json(token: string, service: BusinessService, method: string, path: string, body?: object): Promise<unknown> {
    return callNetworkJson(
      this.url(service, path),
      init(token, method, body),
      classifyGoogleBusinessFailure,
      GOOGLE_BUSINESS_LABEL,
    );
  }

  send(
    token: string,
    service: BusinessService,
    method: string,
    path: string,
    alsoOk: number[] = [],
  ): Promise<NetworkReply> {
    return callNetwork(
      this.url(service, path),
      init(token, method),
      classifyGoogleBusinessFailure,
      GOOGLE_BUSINESS_LABEL,
      alsoOk,
    );
  }

  private url(service: BusinessService, path: string): string {
    return `${googleServiceUrl(this.apiBaseUrl, service)}${path}`;
  }
}

function init(token: string, method: string, body?: object): RequestInit {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
  if (body === undefined) return { method, headers };
  headers['content-type'] = 'application/json';
  return { method, headers, body: JSON.stringify(body) };
}

import { ConnectorFailure } from '../connector';
import type { FailedResponse, FailureClass } from '../failure-classification';

/** A network's own reading of a refused call (X's rate-limit headers, LinkedIn's error codes …). */
export type FailureClassifier = (response: FailedResponse, now: Date) => FailureClass;

/** A successful answer, body still unread as JSON so callers can accept empty bodies. */
export interface NetworkReply {
  status: number;
  headers: Headers;
  text: string;
}

/**
 * One call to a network: unreachable networks and refusals become ConnectorFailure, so every
 * connector hands the publisher the same typed error.
 */
export async function callNetwork(
  url: string,
  init: RequestInit,
  classify: FailureClassifier,
  label: string,
  /** Refusals the caller treats as success (deleting what is already gone). */
  alsoOk: number[] = [],
): Promise<NetworkReply> {
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, init);
    text = await response.text();
  } catch (error) {
    throw retryFailure(`${label} could not be reached: ${(error as Error).message}`);
  }
  if (!response.ok && !alsoOk.includes(response.status)) {
    const failed: FailedResponse = {
      status: response.status,
      headers: headerRecord(response.headers),
      body: parseOrText(text),
    };
    throw new ConnectorFailure(classify(failed, new Date()));
  }
  return { status: response.status, headers: response.headers, text };
}

/** Calls and reads the answer as JSON. */
export async function callNetworkJson(
  url: string,
  init: RequestInit,
  classify: FailureClassifier,
  label: string,
): Promise<unknown> {
  return parseReply(await callNetwork(url, init, classify, label), label);
}

/** A 2xx answer that is not JSON is a failure worth retrying (proxies answer with HTML pages). */
export function parseReply(reply: NetworkReply, label: string): unknown {
  try {
    return JSON.parse(reply.text) as unknown;
  } catch {
    throw retryFailure(`${label} answered with a body that is not JSON`);
  }
}

/** Reads a string at a dotted path of a success body; its absence means the answer is malformed. */
export function requireString(body: unknown, path: string, label: string): string {
  const value = valueAt(body, path);
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  throw retryFailure(`${label} answered without ${path}`);
}

/** Reads an array at a dotted path; absent counts as empty (networks omit empty lists). */
export function optionalArray(body: unknown, path: string, label: string): unknown[] {
  const value = valueAt(body, path);
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  throw retryFailure(`${label} answered with ${path} that is not a list`);
}

/** Reads a count at a dotted path; absent counts as 0 (networks omit metrics they do not have). */
export function optionalCount(body: unknown, path: string): number {
  const value = valueAt(body, path);
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

export function valueAt(body: unknown, path: string): unknown {
  let current = body;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

export function retryFailure(reason: string): ConnectorFailure {
  return new ConnectorFailure({ kind: 'retry', afterMs: null, reason });
}

function headerRecord(headers: Headers): Record<string, string | undefined> {
  return Object.fromEntries(headers.entries());
}

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

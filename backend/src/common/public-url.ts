import { lookup as lookupCallback, LookupAddress, LookupOptions } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { Agent, fetch, RequestInit, Response } from 'undici';

export class PrivateUrlError extends Error {
  override name = 'PrivateUrlError';
}

/** Loopback, private, link-local, unique-local, carrier-grade NAT and unspecified ranges: our own network. */
const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv6');
}

/** Whether an address is on a private network; IPv4-mapped IPv6 (`::ffff:7f00:1`) is checked as the IPv4 it is. */
export function isPrivateAddress(address: string): boolean {
  const plain = address.replace(/^\[|\]$/g, '');
  if (isIP(plain) === 4) return PRIVATE.check(plain, 'ipv4');
  const mapped = /^::ffff:(?:([0-9.]+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(plain);
  if (mapped) {
    const ipv4 =
      mapped[1] ??
      [
        parseInt(mapped[2], 16) >> 8,
        parseInt(mapped[2], 16) & 255,
        parseInt(mapped[3], 16) >> 8,
        parseInt(mapped[3], 16) & 255,
      ].join('.');
    return PRIVATE.check(ipv4, 'ipv4');
  }
  return isIP(plain) === 6 ? PRIVATE.check(plain, 'ipv6') : true;
}

/** An http(s) URL, or the reason it is not one. */
function httpUrl(url: string): URL {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new PrivateUrlError(`${url} is not a URL`);
  }
  if (!['http:', 'https:'].includes(target.protocol)) throw new PrivateUrlError('only http(s) URLs can be fetched');
  return target;
}

/**
 * An http(s) URL whose host resolves to public addresses only: a server-side fetch (media by URL,
 * feeds, outgoing webhooks) must not become a way into our own network, unless the
 * configuration allows it (OUTBOUND_ALLOW_PRIVATE_URLS, for a self-hosted intranet). For checking
 * an address when it is saved; `fetchPublic` checks again on the connection.
 */
export async function publicUrl(url: string, options: { allowPrivate: boolean }): Promise<URL> {
  const target = httpUrl(url);
  if (options.allowPrivate) return target;
  const addresses = await lookup(target.hostname.replace(/^\[|\]$/g, ''), { all: true }).catch(() => {
    throw new PrivateUrlError(`${target.hostname} could not be resolved`);
  });
  if (addresses.some((a) => isPrivateAddress(a.address)))
    throw new PrivateUrlError(`${target.hostname} is on a private network`);
  return target;
}

/**
 * Resolves for a connection and refuses private addresses there and then: the name is looked up
 * once, for the socket itself, so it cannot answer public to a check and private to the fetch
 * that follows (DNS rebinding).
 */
function publicLookup(
  hostname: string,
  options: LookupOptions,
  callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void,
): void {
  lookupCallback(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(new PrivateUrlError(`${hostname} could not be resolved`), []);
    if (addresses.some((a) => isPrivateAddress(a.address)))
      return callback(new PrivateUrlError(`${hostname} is on a private network`), []);
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
}

const publicOnly = new Agent({ connect: { lookup: publicLookup } });

/**
 * A server-side fetch of an http(s) URL that reaches public addresses only (unless `allowPrivate`),
 * checked on the connection itself; redirects are refused, as each hop would need the check again.
 * A URL refused by these rules rejects with `PrivateUrlError`.
 */
export async function fetchPublic(
  url: string,
  init: Omit<RequestInit, 'dispatcher' | 'redirect'>,
  options: { allowPrivate: boolean },
): Promise<Response> {
  const target = httpUrl(url);
  const host = target.hostname.replace(/^\[|\]$/g, '');
  // An address in the URL is never looked up, so it is checked here.
  if (!options.allowPrivate && isIP(host) && isPrivateAddress(host))
    throw new PrivateUrlError(`${target.hostname} is on a private network`);
  const dispatcher = options.allowPrivate ? undefined : publicOnly;
  return fetch(target, { ...init, redirect: 'error', dispatcher }).catch((error: Error) => {
    // undici says "fetch failed"; what failed (refused, private, unresolvable) is its cause.
    throw error.cause instanceof Error ? error.cause : error;
  });
}

import { lookup as lookupCallback, LookupAddress, LookupOptions } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import * as ipaddr from 'ipaddr.js';
import { Agent, fetch, RequestInit, Response } from 'undici';

export class PrivateUrlError extends Error {
  override name = 'PrivateUrlError';
}

/**
 * Addresses a range classification calls public but that answer only from inside a cloud: Azure's
 * wire server (168.63.129.16) serves the VM's own configuration to anything on the host.
 */
const CLOUD_HOST_ONLY = new Set(['168.63.129.16']);

/**
 * Whether an IPv4 address is off limits. ipaddr.js classifies every special-purpose range (private,
 * loopback, link-local, carrier-grade NAT, reserved, documentation, benchmarking, multicast,
 * broadcast, AS112, AMT…); only plain `unicast` is somewhere on the public internet.
 */
function isPrivateIPv4(address: ipaddr.IPv4): boolean {
  return address.range() !== 'unicast' || CLOUD_HOST_ONLY.has(address.toString());
}

/** The IPv4 address two 16-bit parts of an IPv6 address carry. */
function ipv4From(high: number, low: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([high >> 8, high & 255, low >> 8, low & 255]);
}

/**
 * Whether an IPv6 address is off limits. Forms that carry an IPv4 address and reach it (mapped,
 * SIIT, NAT64's well-known prefix, 6to4, Teredo) are judged by that IPv4 address: `64:ff9b::7f00:1`
 * is 127.0.0.1 behind a NAT64 gateway.
 */
function isPrivateIPv6(address: ipaddr.IPv6): boolean {
  const parts = address.parts;
  // IPv4-compatible (::a.b.c.d, deprecated by RFC 4291) and the rest of ::/96: nothing public lives there.
  if (parts.slice(0, 6).every((part) => part === 0)) return true;
  switch (address.range()) {
    case 'unicast':
      return false;
    case 'ipv4Mapped':
    case 'rfc6145':
      return isPrivateIPv4(ipv4From(parts[6], parts[7]));
    case 'rfc6052':
      // 64:ff9b::/96 translates to the public internet; 64:ff9b:1::/48 is for local networks (RFC 8215).
      return parts[2] !== 0 || isPrivateIPv4(ipv4From(parts[6], parts[7]));
    case '6to4':
      return isPrivateIPv4(ipv4From(parts[1], parts[2]));
    case 'teredo': {
      // Teredo: the server's IPv4 in bits 32-63, the client's (inverted) in the low 32 bits.
      return (
        isPrivateIPv4(ipv4From(parts[2], parts[3])) || isPrivateIPv4(ipv4From(parts[6] ^ 0xffff, parts[7] ^ 0xffff))
      );
    }
    default:
      return true;
  }
}

/**
 * Whether an address is off limits for a server-side fetch: anything but a public unicast address,
 * in any spelling (`[::ffff:7f00:1]`, `64:ff9b::a00:1`, `2002:7f00:1::`). Not an address at all: refused.
 */
export function isPrivateAddress(address: string): boolean {
  const plain = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (isIP(plain) === 0) return true;
  const parsed = ipaddr.parse(plain);
  return parsed.kind() === 'ipv4' ? isPrivateIPv4(parsed as ipaddr.IPv4) : isPrivateIPv6(parsed as ipaddr.IPv6);
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

/**
 * `fetchPublic` in the shape of the global `fetch`, for SDKs that take their own (the openai SDK's
 * `fetch` option): every request they make goes through the same guard, redirects refused.
 */
export function publicFetch(options: { allowPrivate: boolean }) {
  return (input: string | URL | { url: string }, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const { redirect: _redirect, dispatcher: _dispatcher, ...rest } = init ?? {};
    return fetchPublic(url, rest, options);
  };
}

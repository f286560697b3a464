import { lookup } from 'node:dns/promises';
import { createWriteStream } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { isIP } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SizeLimit } from './storage/size-limit';

const FETCH_TIMEOUT_MS = 30_000;

export class MediaDownloadError extends Error {}

/** Loopback, private, link-local and unique-local ranges: a URL there would reach our own network. */
function isPrivateAddress(address: string): boolean {
  if (isIP(address) === 6) {
    const a = address.toLowerCase();
    return (
      a === '::1' || a.startsWith('fc') || a.startsWith('fd') || a.startsWith('fe80') || a.startsWith('::ffff:127.')
    );
  }
  const [a, b] = address.split('.').map(Number);
  return (
    a === 10 ||
    a === 127 ||
    a === 0 ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168)
  );
}

/**
 * Downloads a public http(s) URL to a temporary file, size-limited, refusing hosts on private
 * networks (a server-side fetch must not become a way into our own network).
 */
export async function downloadMedia(
  url: string,
  maxBytes: number,
): Promise<{ path: string; size: number; name: string }> {
  const target = new URL(url);
  if (!['http:', 'https:'].includes(target.protocol)) throw new MediaDownloadError('only http(s) URLs can be fetched');
  const { address } = await lookup(target.hostname).catch(() => {
    throw new MediaDownloadError(`${target.hostname} could not be resolved`);
  });
  if (isPrivateAddress(address)) throw new MediaDownloadError(`${target.hostname} is on a private network`);
  const response = await fetch(target, { redirect: 'error', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) }).catch(
    (error: Error) => {
      throw new MediaDownloadError(`${url} could not be fetched: ${error.message}`);
    },
  );
  if (!response.ok || !response.body) throw new MediaDownloadError(`${url} answered HTTP ${response.status}`);
  const path = join(await mkdtemp(join(tmpdir(), 'so-fetch-')), 'download');
  const limit = new SizeLimit(maxBytes);
  try {
    await pipeline(Readable.fromWeb(response.body as never), limit, createWriteStream(path));
  } catch {
    throw new MediaDownloadError(`${url} is larger than ${Math.floor(maxBytes / 1048576)} MB or broke off`);
  }
  return { path, size: limit.bytes, name: target.pathname.split('/').pop() || 'download' };
}

import { createWriteStream } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fetchPublic, PrivateUrlError } from '../common/public-url';
import { SizeLimit } from './storage/size-limit';

const FETCH_TIMEOUT_MS = 30_000;

export class MediaDownloadError extends Error {}

/**
 * Downloads a public http(s) URL to a temporary file, size-limited, refusing hosts on private
 * networks (a server-side fetch must not become a way into our own network) unless the
 * configuration allows them (OUTBOUND_ALLOW_PRIVATE_URLS, development only).
 */
export async function downloadMedia(
  url: string,
  maxBytes: number,
  options = { allowPrivate: false },
): Promise<{ path: string; size: number; name: string }> {
  const response = await fetchPublic(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) }, options).catch(
    (error: Error) => {
      throw new MediaDownloadError(
        error instanceof PrivateUrlError ? error.message : `${url} could not be fetched: ${error.message}`,
      );
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
  return { path, size: limit.bytes, name: new URL(url).pathname.split('/').pop() || 'download' };
}

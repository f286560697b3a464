import { ConnectorFailure, type PublishMedia } from '../connector';
import { requireString, valueAt } from '../oauth2/network-http';
import { MASTODON_LABEL, MastodonApi } from './mastodon.api';

/** How long an upload may stay in processing before the attempt is retried later. */
export interface MastodonMediaPacing {
  intervalMs: number;
  maxChecks: number;
}

export const DEFAULT_MEDIA_PACING: MastodonMediaPacing = { intervalMs: 2_000, maxChecks: 60 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * POST /api/v2/media with the file and its alt text. A 202 means the instance is still processing
 * it (video, large images): GET /api/v1/media/:id answers 206 until its `url` is set.
 */
export async function uploadMastodonMedia(
  api: MastodonApi,
  media: PublishMedia,
  altText: string | undefined,
  pacing: MastodonMediaPacing,
): Promise<string> {
  const form = new FormData();
  const name = `${media.id}.${media.mimeType.split('/')[1] ?? 'bin'}`;
  form.append('file', new Blob([new Uint8Array(await media.read())], { type: media.mimeType }), name);
  if (altText?.trim()) form.append('description', altText);
  const reply = await api.send('/api/v2/media', { method: 'POST', body: form });
  const body = parseBody(reply.text);
  const id = requireString(body, 'id', MASTODON_LABEL);
  if (reply.status === 200 && typeof valueAt(body, 'url') === 'string') return id;
  for (let check = 0; check < pacing.maxChecks; check++) {
    await sleep(pacing.intervalMs);
    const status = await api.send(`/api/v1/media/${encodeURIComponent(id)}`);
    if (status.status === 200 && typeof valueAt(parseBody(status.text), 'url') === 'string') return id;
  }
  throw new ConnectorFailure({
    kind: 'retry',
    afterMs: null,
    reason: `Mastodon was still processing ${media.id} after ${pacing.maxChecks} checks`,
  });
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ConnectorFailure({
      kind: 'retry',
      afterMs: null,
      reason: 'Mastodon answered with a body that is not JSON',
    });
  }
}

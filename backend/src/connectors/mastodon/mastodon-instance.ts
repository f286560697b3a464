import { ConnectorFailure } from '../connector';
import type { NetworkLimits, PostTypeRule } from '../network-limits';
import { valueAt } from '../oauth2/network-http';
import { MastodonApi } from './mastodon.api';
import { MASTODON_LIMITS } from './mastodon.limits';

/** An instance's own limits as its /api/v2/instance configuration states them; kept in the account's settings. */
export interface MastodonInstanceLimits {
  maxCharacters: number;
  maxMediaAttachments: number;
  imageSizeLimit: number;
  videoSizeLimit: number;
  pollMaxOptions: number;
  pollMaxCharactersPerOption: number;
  pollMinExpirationSeconds: number;
  pollMaxExpirationSeconds: number;
}

/** Mastodon's own defaults, used for any figure an instance leaves out. */
export const DEFAULT_INSTANCE_LIMITS: MastodonInstanceLimits = {
  maxCharacters: MASTODON_LIMITS.maxTextLength,
  maxMediaAttachments: 4,
  imageSizeLimit: MASTODON_LIMITS.media.image!.maxBytes,
  videoSizeLimit: MASTODON_LIMITS.media.video!.maxBytes,
  pollMaxOptions: 4,
  pollMaxCharactersPerOption: 50,
  pollMinExpirationSeconds: 300,
  pollMaxExpirationSeconds: 2_629_746,
};

const count = (body: unknown, path: string, fallback: number): number => {
  const value = valueAt(body, path);
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
};

/** Reads the instance's configuration (v2; v1 for instances before Mastodon 4.0). */
export async function readInstanceLimits(instanceUrl: string): Promise<MastodonInstanceLimits> {
  const api = new MastodonApi(instanceUrl, null);
  let body: unknown;
  try {
    body = await api.json('/api/v2/instance');
  } catch (error) {
    if (!(error instanceof ConnectorFailure && error.failure.kind === 'disconnect')) throw error;
    body = await api.json('/api/v1/instance');
  }
  const config = valueAt(body, 'configuration') ?? {};
  const d = DEFAULT_INSTANCE_LIMITS;
  return {
    // Instances before 3.4 (and some forks) say max_toot_chars at the top level.
    maxCharacters: count(config, 'statuses.max_characters', count(body, 'max_toot_chars', d.maxCharacters)),
    maxMediaAttachments: count(config, 'statuses.max_media_attachments', d.maxMediaAttachments),
    imageSizeLimit: count(config, 'media_attachments.image_size_limit', d.imageSizeLimit),
    videoSizeLimit: count(config, 'media_attachments.video_size_limit', d.videoSizeLimit),
    pollMaxOptions: count(config, 'polls.max_options', d.pollMaxOptions),
    pollMaxCharactersPerOption: count(config, 'polls.max_characters_per_option', d.pollMaxCharactersPerOption),
    pollMinExpirationSeconds: count(config, 'polls.min_expiration', d.pollMinExpirationSeconds),
    pollMaxExpirationSeconds: count(config, 'polls.max_expiration', d.pollMaxExpirationSeconds),
  };
}

/** The limits stored with the account, or the defaults when it has none (connected before they were read). */
export function storedInstanceLimits(settings: Readonly<Record<string, unknown>> | undefined): MastodonInstanceLimits {
  const stored = settings?.instanceLimits;
  const read = (key: keyof MastodonInstanceLimits) => count(stored, key, DEFAULT_INSTANCE_LIMITS[key]);
  return Object.fromEntries(
    (Object.keys(DEFAULT_INSTANCE_LIMITS) as Array<keyof MastodonInstanceLimits>).map((key) => [key, read(key)]),
  ) as unknown as MastodonInstanceLimits;
}

/** Mastodon's limits with this instance's figures in place of the defaults. */
export function instanceNetworkLimits(instance: MastodonInstanceLimits): NetworkLimits {
  const base = MASTODON_LIMITS;
  const postTypes = { ...base.postTypes };
  postTypes.photo = { ...base.postTypes.photo!, media: { image: { min: 1, max: instance.maxMediaAttachments } } };
  const poll = base.postTypes.poll!.poll!;
  postTypes.poll = {
    ...base.postTypes.poll!,
    poll: {
      ...poll,
      options: { min: 2, max: instance.pollMaxOptions },
      maxOptionLength: instance.pollMaxCharactersPerOption,
      durationMinutes: {
        min: Math.ceil(instance.pollMinExpirationSeconds / 60),
        max: Math.floor(instance.pollMaxExpirationSeconds / 60),
      },
    },
  } satisfies PostTypeRule;
  return {
    ...base,
    maxTextLength: instance.maxCharacters,
    postTypes,
    media: {
      image: { ...base.media.image!, maxBytes: instance.imageSizeLimit },
      gif: { ...base.media.gif!, maxBytes: instance.imageSizeLimit },
      video: { ...base.media.video!, maxBytes: instance.videoSizeLimit },
    },
  };
}

import type { AtpAgent, BlobRef } from '@atproto/api';
import type { PublishMedia, PublishRequest } from '../connector';
import { xrpc } from './bluesky.errors';

/** A page's card as Bluesky shows it under a post; the thumbnail already read (≤ 1,000,000 bytes). */
export interface LinkCard {
  title: string;
  description: string;
  thumb: { bytes: Buffer; mimeType: string } | null;
}

/** Reads a page's og: title, description and image server-side (through the private-network guard). */
export type LinkCardReader = (url: string) => Promise<LinkCard>;

export type Embed =
  | { $type: 'app.bsky.embed.images'; images: Array<{ image: BlobRef; alt: string; aspectRatio?: AspectRatio }> }
  | { $type: 'app.bsky.embed.video'; video: BlobRef; alt?: string; aspectRatio?: AspectRatio }
  | {
      $type: 'app.bsky.embed.external';
      external: { uri: string; title: string; description: string; thumb?: BlobRef };
    };

interface AspectRatio {
  width: number;
  height: number;
}

const aspectRatio = (media: PublishMedia): AspectRatio | undefined =>
  media.width && media.height ? { width: media.width, height: media.height } : undefined;

async function upload(agent: AtpAgent, bytes: Buffer, mimeType: string): Promise<BlobRef> {
  const { data } = await xrpc(() => agent.com.atproto.repo.uploadBlob(bytes, { encoding: mimeType }));
  return data.blob;
}

/**
 * The first post's embed: images with their alt text, or the video (uploaded to the PDS as a blob),
 * or a link card with its thumbnail. One embed per post, so media win over the card.
 */
export async function firstPostEmbed(
  agent: AtpAgent,
  request: PublishRequest,
  altTexts: string[],
  readCard: LinkCardReader,
): Promise<Embed | undefined> {
  const [first] = request.media;
  if (first?.kind === 'video') {
    const alt = altTexts[0]?.trim();
    return {
      $type: 'app.bsky.embed.video',
      video: await upload(agent, await first.read(), first.mimeType),
      ...(alt && { alt }),
      ...(aspectRatio(first) && { aspectRatio: aspectRatio(first) }),
    };
  }
  if (first) {
    const images = [];
    for (const [i, media] of request.media.entries()) {
      const image = await upload(agent, await media.read(), media.mimeType);
      images.push({ image, alt: altTexts[i] ?? '', ...(aspectRatio(media) && { aspectRatio: aspectRatio(media) }) });
    }
    return { $type: 'app.bsky.embed.images', images };
  }
  if (!request.link) return undefined;
  const card = await readCard(request.link);
  return {
    $type: 'app.bsky.embed.external',
    external: {
      uri: request.link,
      title: card.title,
      description: card.description,
      ...(card.thumb && { thumb: await upload(agent, card.thumb.bytes, card.thumb.mimeType) }),
    },
  };
}

import { AppBskyRichtextFacet, type AtpAgent, RichText } from '@atproto/api';

export type Facet = AppBskyRichtextFacet.Main;

/**
 * The post's text with its facets at UTF-8 byte offsets, as Bluesky indexes them: links, hashtags,
 * and mentions resolved to DIDs through the PDS. A mention whose handle does not resolve stays
 * plain text (a facet without a DID would be refused).
 */
export async function richText(
  agent: Pick<AtpAgent, 'com'>,
  text: string,
): Promise<{ text: string; facets?: Facet[] }> {
  const rich = new RichText({ text });
  await rich.detectFacets(agent as AtpAgent);
  const facets = (rich.facets ?? []).filter((facet) =>
    facet.features.every((feature) => !AppBskyRichtextFacet.isMention(feature) || Boolean(feature.did)),
  );
  return facets.length ? { text: rich.text, facets } : { text: rich.text };
}

/** Bluesky shows a link card instead of the link: the link goes in the text only when media take the embed. */
export function postText(text: string, link: string | null, linkInText: boolean): string {
  if (!link || !linkInText || text.includes(link)) return text;
  return text ? `${text}\n\n${link}` : link;
}

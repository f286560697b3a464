import { ConnectorFailure, PublishRequest } from '../connector';

/**
 * Commentary is "little text": these characters are markup (mentions, hashtags templates …) and
 * unescaped they cut the post short, so each is escaped with a backslash.
 */
const LITTLE_TEXT_RESERVED = /[\\|{}@[\]()<>#*_~]/g;

export function commentary(text: string): string {
  return text.replace(LITTLE_TEXT_RESERVED, (char) => `\\${char}`);
}

/** The Posts API body for a member's or an organization's post, with uploaded media urns. */
export function postBody(author: string, request: PublishRequest, mediaUrns: string[]): Record<string, unknown> {
  const body: Record<string, unknown> = {
    author,
    commentary: commentary(request.text),
    visibility: 'PUBLIC',
    distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
    lifecycleState: 'PUBLISHED',
    isReshareDisabledByAuthor: false,
  };
  const content = postContent(request, mediaUrns);
  if (content) body.content = content;
  return body;
}

function postContent(request: PublishRequest, mediaUrns: string[]): Record<string, unknown> | undefined {
  if (mediaUrns.length > 1) return { multiImage: { images: mediaUrns.map((id) => ({ id })) } };
  if (mediaUrns.length === 1) {
    // LinkedIn requires a title for documents; the post's options may name it.
    return request.postType === 'document'
      ? { media: { id: mediaUrns[0], title: textOption(request, 'documentTitle') ?? 'Document' } }
      : { media: { id: mediaUrns[0] } };
  }
  if (request.link) {
    return { article: { source: request.link, title: textOption(request, 'articleTitle') ?? request.link } };
  }
  return undefined;
}

function textOption(request: PublishRequest, name: string): string | undefined {
  const value = request.options[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ConnectorFailure({ kind: 'bad-request', reason: `LinkedIn post options: ${name} must be a text` });
  }
  return value;
}

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

/** The Posts API's poll lengths, by the minutes our options carry. */
const POLL_DURATIONS: Record<number, string> = {
  1440: 'ONE_DAY',
  4320: 'THREE_DAYS',
  10080: 'SEVEN_DAYS',
  20160: 'FOURTEEN_DAYS',
};

function postContent(request: PublishRequest, mediaUrns: string[]): Record<string, unknown> | undefined {
  if (request.postType === 'poll') return pollContent(request);
  if (mediaUrns.length > 1) return { multiImage: { images: mediaUrns.map((id) => ({ id })) } };
  if (mediaUrns.length === 1) {
    // LinkedIn requires a title for documents; the post's options may name it.
    return request.postType === 'document'
      ? { media: { id: mediaUrns[0], title: textOption(request, 'title') ?? 'Document' } }
      : { media: { id: mediaUrns[0] } };
  }
  if (request.link) {
    return { article: { source: request.link, title: textOption(request, 'title') ?? request.link } };
  }
  return undefined;
}

/** A poll: its question is the variant's title, its choices and length the poll options. */
function pollContent(request: PublishRequest): Record<string, unknown> {
  const choices = request.options.pollOptions;
  const duration = POLL_DURATIONS[request.options.pollDurationMinutes as number];
  if (!Array.isArray(choices) || choices.length < 2 || !duration) {
    throw new ConnectorFailure({
      kind: 'bad-request',
      reason: 'LinkedIn post options: a poll needs 2 to 4 choices and a length of 1, 3, 7 or 14 days',
    });
  }
  return {
    poll: {
      question: textOption(request, 'title') ?? request.text,
      options: choices.map((text) => ({ text: String(text) })),
      settings: { duration },
    },
  };
}

function textOption(request: PublishRequest, name: string): string | undefined {
  const value = request.options[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ConnectorFailure({ kind: 'bad-request', reason: `LinkedIn post options: ${name} must be a text` });
  }
  return value;
}

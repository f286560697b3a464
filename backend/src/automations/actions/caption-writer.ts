import OpenAI from 'openai';
import { PrivateUrlError, publicFetch } from '../../common/public-url';
import { hashtagsIn, meaningfulWords } from '../../hashtags/hashtag-text';

export interface CaptionRequest {
  source: string;
  instructions: string;
  maxLength: number;
}

export interface Caption {
  text: string;
  generator: 'openai' | 'offline';
  model: string | null;
}

export interface AiEndpoint {
  baseUrl: string;
  apiKey: string;
  model: string;
}

export class CaptionError extends Error {
  override name = 'CaptionError';
}

const plain = (text: string) =>
  text
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;|&#160;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();

/** Cuts at a word boundary and marks the cut, so the text fits `max` characters. */
export function fitText(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  const cut = chars.slice(0, Math.max(0, max - 1)).join('');
  const boundary = cut.replace(/\s+\S*$/, '');
  return `${(boundary.length > max / 2 ? boundary : cut).trimEnd()}…`;
}

/**
 * Up to `count` hashtags for `text`, from its most frequent meaningful words (#Pumpkin): never a
 * number, a number word or a stop word.
 */
export function offlineHashtags(text: string, count: number): string[] {
  return meaningfulWords(plain(text))
    .slice(0, count)
    .map((word) => `#${word[0].toUpperCase()}${word.slice(1)}`);
}

/**
 * Without an AI key: the first sentence or two of the source plus up to three hashtags from its
 * most frequent words, fitted to the limit. Deterministic, and labelled offline by the caller.
 */
export function offlineCaption(request: CaptionRequest): Caption {
  const text = plain(request.source);
  const sentences = text.match(/[^.!?]+[.!?]*/g)?.map((s) => s.trim()) ?? [];
  let summary = sentences[0] ?? '';
  if (sentences[1] && [...`${summary} ${sentences[1]}`].length <= request.maxLength * 0.7)
    summary += ` ${sentences[1]}`;
  const tags = offlineHashtags(text, 3);
  let caption = fitText(summary, request.maxLength);
  for (let n = tags.length; n > 0; n--) {
    const withTags = `${summary} ${tags.slice(0, n).join(' ')}`;
    if ([...withTags].length <= request.maxLength) {
      caption = withTags;
      break;
    }
  }
  return { text: caption, generator: 'offline', model: null };
}

/**
 * Why the AI answered no caption, from its status alone: a provider's body is never repeated into
 * a run, as the address is the tenant's and its answers could be anything (an internal page, a
 * secret), and run steps are shown to every member.
 */
function refusal(status: number | undefined): string {
  if (status === 401 || status === 403) return `the AI refused the API key (HTTP ${status})`;
  if (status === 404) return 'the AI has no such model or address (HTTP 404)';
  if (status === 429) return 'the AI is rate limiting or out of quota (HTTP 429)';
  if (status !== undefined && status >= 500) return `the AI failed (HTTP ${status})`;
  return `the AI refused the request (HTTP ${status ?? 'no status'})`;
}

/** Why the AI could not be reached, in our own words: a guard's refusal, a time-out, or no connection. */
function unreachable(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof PrivateUrlError) return `the AI's address is refused: ${cause.message}`;
  if (error instanceof OpenAI.APIConnectionTimeoutError) return 'the AI did not answer in time';
  return 'the AI could not be reached';
}

/**
 * One answer from an OpenAI-compatible chat completions endpoint. The SDK fetches through the
 * private-network guard (checked on the socket, no redirects), as the address is the tenant's choice.
 */
async function complete(
  endpoint: AiEndpoint,
  system: string,
  user: string,
  options: { allowPrivate: boolean },
): Promise<string> {
  const client = new OpenAI({
    baseURL: endpoint.baseUrl,
    apiKey: endpoint.apiKey,
    timeout: 30_000,
    maxRetries: 1,
    fetch: publicFetch(options) as unknown as typeof fetch,
  });
  try {
    const completion = await client.chat.completions.create({
      model: endpoint.model,
      messages: [
        { role: 'system', content: system },
        { role: 'user', content: user },
      ],
    });
    const text = completion.choices[0]?.message?.content?.trim();
    if (!text) throw new CaptionError('the AI answered with no caption');
    return text;
  } catch (error) {
    if (error instanceof CaptionError) throw error;
    if (error instanceof OpenAI.APIConnectionError) throw new CaptionError(unreachable(error));
    if (error instanceof OpenAI.APIError) throw new CaptionError(refusal(error.status));
    throw new CaptionError('the AI answered something that is not a chat completion');
  }
}

/** A caption from the workspace's AI, held to the limit. */
export async function aiCaption(
  endpoint: AiEndpoint,
  request: CaptionRequest,
  options: { allowPrivate: boolean },
): Promise<Caption> {
  const system =
    `You write one social media caption of at most ${request.maxLength} characters. ` +
    `Answer with the caption only.${request.instructions ? ` ${request.instructions}` : ''}`;
  const text = await complete(endpoint, system, plain(request.source), options);
  return { text: fitText(text, request.maxLength), generator: 'openai', model: endpoint.model };
}

/** Up to `count` hashtags for `text` from the workspace's AI; whatever else it says is dropped. */
export async function aiHashtags(
  endpoint: AiEndpoint,
  text: string,
  count: number,
  options: { allowPrivate: boolean },
): Promise<string[]> {
  const system = `Suggest up to ${count} relevant hashtags for this social media post. Answer with the hashtags only, separated by spaces.`;
  const answer = await complete(endpoint, system, plain(text), options);
  return hashtagsIn(answer)
    .slice(0, count)
    .map((tag) => `#${tag}`);
}

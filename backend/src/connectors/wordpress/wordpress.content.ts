import { createHash } from 'node:crypto';
import { DomUtils, parseDocument } from 'htmlparser2';
import MarkdownIt from 'markdown-it';
import slugify from 'slugify';
import { ConnectorFailure, PublishRequest } from '../connector';

/**
 * The composer's text read as CommonMark by markdown-it: paragraphs, line breaks as typed, bare
 * URLs made links, *emphasis* and lists for those who write them. Raw HTML is escaped, never passed
 * through (html: false), and links with javascript:, vbscript: or data: (other than images) are
 * refused by markdown-it's own link check, so the article cannot carry a script into the site.
 */
const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });

/** The article's HTML; the post's link goes last as its own paragraph unless the text already has it. */
export function articleHtml(text: string, link: string | null): string {
  const withLink = link && !text.includes(link) ? `${text.trimEnd()}\n\n<${link}>` : text;
  return markdown.render(withLink).trim();
}

export function articleTitle(request: PublishRequest): string {
  const title = request.options.title;
  if (typeof title === 'string' && title.trim()) return title.trim();
  throw new ConnectorFailure({ kind: 'bad-request', reason: 'A WordPress article needs a title (options.title)' });
}

/** The part of every slug that names one publish attempt's key: `so` and 12 hex digits of its hash. */
export function keyMark(idempotencyKey: string): string {
  return `so${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 12)}`;
}

const TITLE_PART = 80;

/**
 * WordPress has no idempotency key and core offers no writable post meta over REST, so the key
 * travels in the slug: readable title words, then the key's mark. WordPress keeps a slug it is
 * given (drafts included), so `?slug=` finds an interrupted attempt's post exactly.
 */
export function articleSlug(title: string, idempotencyKey: string): string {
  const words = slugify(title, { lower: true, strict: true }).slice(0, TITLE_PART).replace(/-+$/, '');
  return `${words || 'article'}-${keyMark(idempotencyKey)}`;
}

/** The featured image uploaded for the article with this slug (attachments need slugs of their own). */
export function imageSlug(articleSlugValue: string): string | null {
  const mark = /(so[0-9a-f]{12})$/.exec(articleSlugValue)?.[1];
  return mark ? `${mark}-image` : null;
}

/** Text of a rendered field (`title.rendered`, a term's name): tags dropped, entities decoded (htmlparser2). */
export function plainText(html: string): string {
  return DomUtils.textContent(parseDocument(html)).trim();
}

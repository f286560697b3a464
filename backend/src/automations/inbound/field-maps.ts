import type { WebhookPreset } from './signatures';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);
const rendered = (v: unknown): string | undefined => str(v) ?? (isObject(v) ? str(v.rendered) : undefined);
const names = (v: unknown): string[] | undefined =>
  Array.isArray(v)
    ? v.flatMap((item) =>
        typeof item === 'string' ? [item] : isObject(item) && str(item.name) ? [String(item.name)] : [],
      )
    : undefined;
/** Plain text from HTML: tags dropped, entities of the common kind decoded, whitespace collapsed. */
export const plainText = (html: string | undefined): string | undefined =>
  html
    ?.replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#0?39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim() || undefined;

/** Contentful sends each field per locale: take the first. */
const firstLocale = (v: unknown): unknown => (isObject(v) ? Object.values(v)[0] : undefined);

function wordpress(body: Json): Json {
  const post = isObject(body.post) ? body.post : body;
  return {
    id: post.ID ?? post.id,
    title: str(post.post_title) ?? rendered(post.title),
    link: str(body.post_permalink) ?? str(post.guid) ?? str(post.link),
    text: plainText(str(post.post_excerpt) ?? rendered(post.excerpt)),
    content: str(post.post_content) ?? rendered(post.content),
    status: str(post.post_status) ?? str(post.status),
    author: str(body.post_author_name) ?? str(post.author_name),
    tags: names(body.tags ?? post.tags),
    categories: names(body.categories ?? post.categories),
    imageUrl: str(body.post_thumbnail) ?? str(post.featured_image_url),
  };
}

function ghost(body: Json): Json {
  const post = isObject(body.post) && isObject(body.post.current) ? body.post.current : {};
  return {
    id: post.id,
    title: str(post.title),
    link: str(post.url),
    text: str(post.custom_excerpt) ?? str(post.excerpt) ?? plainText(str(post.plaintext)),
    content: str(post.html),
    status: str(post.status),
    author: isObject(post.primary_author) ? str(post.primary_author.name) : undefined,
    tags: names(post.tags),
    imageUrl: str(post.feature_image),
  };
}

function strapi(body: Json): Json {
  const entry = isObject(body.entry) ? body.entry : {};
  return {
    event: str(body.event),
    model: str(body.model),
    id: entry.documentId ?? entry.id,
    title: str(entry.title) ?? str(entry.name),
    link: str(entry.url) ?? str(entry.slug),
    text: plainText(str(entry.description) ?? str(entry.excerpt)),
    content: str(entry.content),
    status: entry.publishedAt ? 'published' : undefined,
  };
}

function contentful(body: Json): Json {
  const fields = isObject(body.fields) ? body.fields : {};
  const sys = isObject(body.sys) ? body.sys : {};
  return {
    id: sys.id,
    event: str(sys.type),
    title: str(firstLocale(fields.title)),
    link: str(firstLocale(fields.url)) ?? str(firstLocale(fields.slug)),
    text: plainText(str(firstLocale(fields.description)) ?? str(firstLocale(fields.excerpt))),
    content: str(firstLocale(fields.body)),
  };
}

/** A list sent as an array or, as Zapier joins line items, one comma- or newline-separated string. */
const list = (v: unknown): string[] | undefined => {
  const items = Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : str(v)?.split(/[,\n]/);
  const trimmed = items?.map((x) => x.trim()).filter(Boolean);
  return trimmed?.length ? trimmed : undefined;
};

/**
 * Zapier ("Webhooks by Zapier" POST), Make (HTTP module) and n8n (HTTP Request node): the generic
 * body documented in docs/integrations/zapier-make-n8n.md, snake_case as those tools' users type
 * it, camelCase accepted too. `accounts` are account ids or names; `scheduled_at` an ISO time.
 */
function zapier(body: Json): Json {
  return {
    text: str(body.text),
    title: str(body.title),
    link: str(body.link) ?? str(body.url),
    mediaUrls: list(body.media_urls ?? body.mediaUrls),
    accounts: list(body.accounts),
    scheduledAt: str(body.scheduled_at) ?? str(body.scheduledAt),
  };
}

const MAPS: Record<Exclude<WebhookPreset, 'generic'>, (body: Json) => Json> = {
  wordpress,
  ghost,
  strapi,
  contentful,
  zapier,
};

/** The payload a run starts with: the preset's normalised fields (absent ones left out) plus `raw`. */
export function mapDelivery(preset: WebhookPreset, body: Json): Json {
  const mapped = preset === 'generic' ? body : MAPS[preset](body);
  const present = Object.fromEntries(Object.entries(mapped).filter(([, v]) => v !== undefined && v !== null));
  return { ...present, raw: body };
}

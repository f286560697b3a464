import { Parser } from 'htmlparser2';

/** What a page says about itself for link cards: Open Graph first, then Twitter cards, then plain HTML. */
export interface PageSummary {
  title: string | null;
  description: string | null;
  /** As written in the page: may be relative. */
  image: string | null;
  siteName: string | null;
}

const FIELDS: Record<string, keyof PageSummary> = {
  'og:title': 'title',
  'twitter:title': 'title',
  'og:description': 'description',
  'twitter:description': 'description',
  description: 'description',
  'og:image': 'image',
  'og:image:url': 'image',
  'og:image:secure_url': 'image',
  'twitter:image': 'image',
  'twitter:image:src': 'image',
  'og:site_name': 'siteName',
};

/** Earlier sources win: og:title over twitter:title over <title>. */
const RANK = Object.keys(FIELDS);

/** Reads a page's head (htmlparser2, tolerant of broken markup); entities are decoded by the parser. */
export function readPageSummary(html: string): PageSummary {
  const found = new Map<keyof PageSummary, { value: string; rank: number }>();
  let titleText = '';
  let inTitle = false;
  const keep = (field: keyof PageSummary, value: string, rank: number) => {
    const text = value.replace(/\s+/g, ' ').trim();
    const current = found.get(field);
    if (text && (!current || rank < current.rank)) found.set(field, { value: text, rank });
  };
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'title') inTitle = true;
        if (name !== 'meta') return;
        const key = (attributes.property ?? attributes.name ?? '').toLowerCase();
        const field = FIELDS[key];
        if (field && attributes.content) keep(field, attributes.content, RANK.indexOf(key));
      },
      ontext(text) {
        if (inTitle) titleText += text;
      },
      onclosetag(name) {
        if (name === 'title') inTitle = false;
      },
    },
    { decodeEntities: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  keep('title', titleText, RANK.length);
  const value = (field: keyof PageSummary) => found.get(field)?.value ?? null;
  return {
    title: value('title'),
    description: value('description'),
    image: value('image'),
    siteName: value('siteName'),
  };
}

import { describe, expect, it } from 'vitest';
import { readPageSummary } from './og-tags';

describe('readPageSummary', () => {
  it('prefers og: tags, then Twitter cards, then the title element, whatever their order in the page', () => {
    const html = `<head><title>Page</title>
      <meta name="twitter:title" content="Card title"><meta name="twitter:image" content="/t.png">
      <meta property="og:image" content="/og.png"></head>`;
    expect(readPageSummary(html)).toEqual({ title: 'Card title', description: null, image: '/og.png', siteName: null });
  });

  it('reads unclosed markup and upper-case names, decodes entities and skips empty values', () => {
    const html = `<HEAD><META PROPERTY="og:title" CONTENT=""><TITLE>Kept &amp; decoded</TITLE><META NAME="Description" CONTENT=" spaced
      out ">`;
    expect(readPageSummary(html)).toMatchObject({ title: 'Kept & decoded', description: 'spaced out' });
  });
});

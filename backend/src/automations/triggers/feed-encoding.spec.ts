import { describe, expect, it } from 'vitest';
import { decodeFeed } from './feed-encoding';

const latin1 = (text: string) => Buffer.from(text, 'latin1');

describe('decoding a feed', () => {
  it('follows a byte-order mark first (UTF-16 and UTF-8), whatever else is declared', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<rss>Noël</rss>', 'utf16le')]);
    expect(decodeFeed(utf16, 'application/xml; charset=iso-8859-1')).toBe('<rss>Noël</rss>');
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<rss>Noël</rss>')]);
    expect(decodeFeed(utf8, null)).toBe('<rss>Noël</rss>');
  });

  it('skips a charset TextDecoder does not know and falls back to the declaration, then UTF-8', () => {
    const declared = latin1('<?xml version="1.0" encoding="ISO-8859-1"?><rss>Noël</rss>');
    expect(decodeFeed(declared, 'text/xml; charset=x-unknown')).toContain('<rss>Noël</rss>');
    expect(decodeFeed(Buffer.from('<rss>Noël</rss>'), 'text/xml; charset=x-unknown')).toBe('<rss>Noël</rss>');
  });

  it('reads windows-1252 punctuation (0x80–0x9f) as the characters it stands for', () => {
    const bytes = Buffer.from([0x93, 0x80, 0x20, 0x96, 0x20, 0x85, 0x94, 0x81]);
    expect(decodeFeed(bytes, 'text/xml; charset=windows-1252')).toBe('“€ – …”\u0081');
    expect(decodeFeed(bytes, 'text/xml; charset=ISO-8859-1')).toBe('“€ – …”\u0081');
  });
});

/**
 * A feed's text from its bytes. XML over HTTP is decoded by (RFC 7303): a byte-order mark, else
 * the HTTP `charset`, else the XML declaration's `encoding`, else UTF-8. TextDecoder knows every
 * WHATWG encoding (ISO-8859-1 is read as its superset windows-1252, as browsers do); an unknown
 * label falls through to the next source.
 */
export function decodeFeed(bytes: Uint8Array, contentType: string | null): string {
  const label = [byteOrderMark(bytes), httpCharset(contentType), declaredEncoding(bytes)].find(known) ?? 'utf-8';
  const decoder = new TextDecoder(label);
  const text = decoder.decode(bytes);
  return decoder.encoding === 'windows-1252' ? text.replace(/[\u0080-\u009f]/g, windows1252) : text;
}

/**
 * Node 20.18.3+ decodes windows-1252 (and so ISO-8859-1, which WHATWG reads as it) through a
 * latin-1 fast path, leaving bytes 0x80–0x9f as C1 controls instead of € ‚ ƒ „ … (nodejs/node#60888).
 * WHATWG's index for that block; the five bytes it leaves undefined map to themselves. A no-op
 * where Node decodes correctly.
 */
const WINDOWS_1252_C1 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';
const windows1252 = (c1: string) => WINDOWS_1252_C1[c1.charCodeAt(0) - 0x80];

function byteOrderMark(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

function httpCharset(contentType: string | null): string | undefined {
  return contentType?.match(/;\s*charset\s*=\s*"?([^";\s]+)"?/i)?.[1];
}

/** `<?xml version="1.0" encoding="ISO-8859-1"?>`: the declaration is ASCII in every encoding it may name. */
function declaredEncoding(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 200)).toString('latin1');
  return head.match(/^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z][\w.:-]*)["']/)?.[1];
}

function known(label: string | undefined): label is string {
  if (!label) return false;
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}

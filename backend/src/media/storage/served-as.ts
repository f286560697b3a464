/**
 * Raster images and video, the only media a browser may show in the page. Everything else (a PDF,
 * an SVG, anything unforeseen) is served as a download: a PDF's JavaScript or an SVG's script must
 * never run in a browser viewer under our origin.
 */
const INLINE_TYPES = new Set([
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'image/avif',
  'video/mp4',
  'video/quicktime',
  'video/webm',
]);

export function contentDisposition(mimeType: string): 'inline' | 'attachment' {
  return INLINE_TYPES.has(mimeType.toLowerCase()) ? 'inline' : 'attachment';
}

/**
 * Headers for a stored file served to a browser: its declared type only (`nosniff`), a policy
 * under which a file opened as a document can load nothing and runs sandboxed (no script, its own
 * opaque origin), and `attachment` for anything not an image or video.
 */
export function mediaHeaders(mimeType: string): Record<string, string> {
  return {
    'content-type': mimeType,
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
    'content-disposition': contentDisposition(mimeType),
  };
}

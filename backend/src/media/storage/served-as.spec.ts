import { describe, expect, it } from 'vitest';
import { contentDisposition } from './served-as';

describe('how a stored file is served', () => {
  it.each(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'video/mp4', 'video/quicktime', 'IMAGE/PNG'])(
    'shows %s in the page',
    (type) => expect(contentDisposition(type)).toBe('inline'),
  );

  it.each(['application/pdf', 'image/svg+xml', 'text/html', 'application/xml', 'application/octet-stream'])(
    'downloads %s',
    (type) => expect(contentDisposition(type)).toBe('attachment'),
  );
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppConfig } from '../../config/app-config';
import { LinkPreviews } from '../../link-previews/link-previews.service';
import { FakeNetwork } from '../../testing/fake-network';
import { linkCardReader } from './bluesky.link-card';

const page = (image: string) => ({
  headers: { 'content-type': 'text/html' },
  text: `<html><head><meta property="og:title" content="Rye"><meta property="og:description" content="Dark and sour"><meta property="og:image" content="${image}"></head></html>`,
});

/** Link cards read from a page served on loopback, through the composer's own link previews. */
describe('Bluesky link cards', () => {
  let site: FakeNetwork;
  let big: Buffer;
  let images: { url: string; server: Server };
  const read = (url: string) =>
    linkCardReader(new LinkPreviews({ allowPrivateUrls: true } as AppConfig), true)(`${site.url}${url}`);

  beforeAll(async () => {
    site = await FakeNetwork.start();
    // Noise does not compress: well over Bluesky's 1,000,000-byte thumbnail limit as a PNG.
    big = await sharp({
      create: {
        width: 1600,
        height: 900,
        channels: 3,
        background: '#000',
        noise: { type: 'gaussian', mean: 128, sigma: 60 },
      },
    })
      .png()
      .toBuffer();
    // The fake network answers text; the picture comes from a plain server as bytes.
    const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(big));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    images = { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  });
  afterAll(async () => {
    await site?.close();
    images?.server.close();
  });

  it('scales an image over 1,000,000 bytes down to a JPEG thumbnail', async () => {
    expect(big.length).toBeGreaterThan(1_000_000);
    site.on('GET', '/big', page(`${images.url}/big.png`));
    const card = await read('/big');
    expect(card).toMatchObject({ title: 'Rye', description: 'Dark and sour', thumb: { mimeType: 'image/jpeg' } });
    expect(card.thumb!.bytes.length).toBeLessThanOrEqual(1_000_000);
    expect((await sharp(card.thumb!.bytes).metadata()).width).toBe(1200);
  });

  it('keeps the card without a picture when the image is missing, and names the site when the page is unreadable', async () => {
    site.on('GET', '/gone', page('/nothing.png'));
    expect(await read('/gone')).toEqual({ title: 'Rye', description: 'Dark and sour', thumb: null });
    site.on('GET', '/broken', { status: 500, text: 'oops' });
    expect(await read('/broken')).toEqual({ title: '127.0.0.1', description: '', thumb: null });
  });
});

import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, newUser, newWorkspace, TestUser } from '../testing/factories';
import { startTestApp, TestApp } from '../testing/test-app';
import { DATABASE_KINDS } from '../testing/test-database';
import { pngOf } from '../testing/images';

const ORANGE = { r: 200, g: 80, b: 40 };
const png = (width: number, height: number) => pngOf(width, height, ORANGE);
/** A 1000×600 picture whose left half is black and right half white: crops and turns show where they took from. */
const halves = () =>
  sharp({ create: { width: 1000, height: 600, channels: 3, background: '#000' } })
    .composite([{ input: { create: { width: 500, height: 600, channels: 3, background: '#fff' } }, left: 500, top: 0 }])
    .png()
    .toBuffer();

type Region = { left: number; top: number; width: number; height: number };
/** Statistics of a region (sharp's stats() reads the whole input, so the region is cut out first). */
const statsOf = async (data: Buffer, region: Region) => sharp(await sharp(data).extract(region).toBuffer()).stats();
/** The mean colour of a region of an image. */
async function meanOf(data: Buffer, region: Region) {
  return (await statsOf(data, region)).channels.slice(0, 3).map((c) => Math.round(c.mean));
}

describe.each(DATABASE_KINDS)('media edits over HTTP on %s', (kind) => {
  let t: TestApp;
  let owner: TestUser;
  let workspaceId: string;
  let logoServer: Server;

  beforeAll(async () => {
    // The workspace logo lives on a (local) web server, as a branding URL does.
    const logo = await sharp({ create: { width: 200, height: 100, channels: 4, background: '#00ff00' } })
      .png()
      .toBuffer();
    logoServer = createServer((_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(logo));
    await new Promise<void>((resolve) => logoServer.listen(0, '127.0.0.1', resolve));
    t = await startTestApp(kind, { OUTBOUND_ALLOW_PRIVATE_URLS: 'true' });
    owner = await newUser(t, 'owner');
    workspaceId = await newWorkspace(t, owner, 'Edits Inc');
  });
  afterAll(async () => {
    await t?.close();
    logoServer?.close();
  });

  const upload = async (data: Buffer, name = 'photo.png') =>
    (await t.http.post('/api/v1/media').set(as(owner, workspaceId)).attach('file', data, name).expect(201)).body;
  const edit = (id: string, operations: object[]) =>
    t.http.post(`/api/v1/media/${id}/edit`).set(as(owner, workspaceId)).send({ operations });
  /** The edited file itself, fetched through its signed URL. */
  const fileOf = async (item: { url: string }) => {
    const url = new URL(item.url);
    return (await t.http.get(url.pathname + url.search).expect(200)).body as Buffer;
  };

  it('crops to 4:5 from the centre as a new item, keeping the original', async () => {
    const original = await upload(await halves(), 'halves.png');
    const res = await edit(original.id, [{ op: 'crop', aspect: '4:5' }]).expect(201);
    expect(res.body).toMatchObject({
      derivedFromId: original.id,
      width: 480,
      height: 600,
      fileName: 'halves-edited.png',
    });
    const data = await fileOf(res.body);
    expect(await sharp(data).metadata()).toMatchObject({ format: 'png', width: 480, height: 600 });
    // Centred: 240 px of the black half on the left, 240 of the white half on the right.
    expect(await meanOf(data, { left: 0, top: 0, width: 10, height: 10 })).toEqual([0, 0, 0]);
    expect(await meanOf(data, { left: 470, top: 0, width: 10, height: 10 })).toEqual([255, 255, 255]);
    const kept = await t.http.get(`/api/v1/media/${original.id}`).set(as(owner, workspaceId)).expect(200);
    expect(kept.body).toMatchObject({ width: 1000, height: 600 });
  });

  it('crops a free rectangle, and names the field that reaches past the edge', async () => {
    const original = await upload(await halves());
    const res = await edit(original.id, [{ op: 'crop', x: 500, y: 100, width: 300, height: 200 }]).expect(201);
    const data = await fileOf(res.body);
    expect(await sharp(data).metadata()).toMatchObject({ width: 300, height: 200 });
    expect(await meanOf(data, { left: 0, top: 0, width: 300, height: 200 })).toEqual([255, 255, 255]);
    const past = await edit(original.id, [{ op: 'crop', x: 900, y: 0, width: 200, height: 100 }]).expect(422);
    expect(past.body).toMatchObject({ code: 'EDIT_INVALID', errors: [{ field: 'operations.0.width' }] });
    const missing = await edit(original.id, [{ op: 'crop', x: 0, y: 0, width: 10 }]).expect(400);
    expect(missing.body.errors[0].field).toContain('height');
  });

  it('rotates a quarter turn and resizes, in the order given', async () => {
    const original = await upload(await halves());
    const turned = await edit(original.id, [{ op: 'rotate', degrees: 90 }]).expect(201);
    const data = await fileOf(turned.body);
    expect(await sharp(data).metadata()).toMatchObject({ width: 600, height: 1000 });
    expect(turned.body).toMatchObject({ width: 600, height: 1000 });
    // Clockwise: the black left half is now the top.
    expect(await meanOf(data, { left: 0, top: 0, width: 600, height: 10 })).toEqual([0, 0, 0]);
    const both = await edit(original.id, [
      { op: 'rotate', degrees: 270 },
      { op: 'resize', width: 300 },
    ]).expect(201);
    expect(await sharp(await fileOf(both.body)).metadata()).toMatchObject({ width: 300, height: 500 });
    const exact = await edit(original.id, [{ op: 'resize', width: 200, height: 200 }]).expect(201);
    expect(await sharp(await fileOf(exact.body)).metadata()).toMatchObject({ width: 200, height: 200 });
  });

  it('keeps a JPEG a JPEG', async () => {
    const jpeg = await sharp({ create: { width: 400, height: 400, channels: 3, background: ORANGE } })
      .jpeg()
      .toBuffer();
    const original = await upload(jpeg, 'square.jpg');
    const res = await edit(original.id, [{ op: 'crop', aspect: '16:9' }]).expect(201);
    expect(res.body).toMatchObject({ mimeType: 'image/jpeg', width: 400, height: 225 });
    expect((await sharp(await fileOf(res.body)).metadata()).format).toBe('jpeg');
  });

  it('stamps a text watermark where asked, leaving the rest of the picture as it was', async () => {
    const original = await upload(await png(600, 400));
    const res = await edit(original.id, [
      { op: 'watermark', text: '© Edits Inc', position: 'bottom-right', opacity: 1 },
    ]).expect(201);
    const data = await fileOf(res.body);
    const corner = await statsOf(data, { left: 300, top: 300, width: 300, height: 100 });
    // White letters on a dark band: both far from the orange background.
    expect(corner.channels[2].max).toBeGreaterThan(200);
    expect(corner.channels[0].min).toBeLessThan(150);
    expect(await meanOf(data, { left: 0, top: 0, width: 200, height: 200 })).toEqual([200, 80, 40]);
  });

  it('fades a watermark by its opacity', async () => {
    const original = await upload(await png(600, 400));
    const faint = await fileOf(
      (await edit(original.id, [{ op: 'watermark', text: 'Draft', position: 'center', opacity: 0.2 }]).expect(201))
        .body,
    );
    const strong = await fileOf(
      (await edit(original.id, [{ op: 'watermark', text: 'Draft', position: 'center', opacity: 1 }]).expect(201)).body,
    );
    const middle = { left: 200, top: 150, width: 200, height: 100 };
    const distance = async (data: Buffer) =>
      (await meanOf(data, middle)).reduce((sum, v, i) => sum + Math.abs(v - [200, 80, 40][i]), 0);
    expect(await distance(faint)).toBeGreaterThan(0);
    expect(await distance(strong)).toBeGreaterThan((await distance(faint)) * 2);
  });

  it("stamps the workspace's logo, and says so when there is none", async () => {
    const original = await upload(await png(800, 400));
    const none = await edit(original.id, [{ op: 'watermark', logo: true, position: 'top-left', opacity: 1 }]).expect(
      422,
    );
    expect(none.body).toMatchObject({ code: 'LOGO_UNAVAILABLE', errors: [{ field: 'operations.0.logo' }] });
    const { port } = logoServer.address() as AddressInfo;
    await t.http
      .patch(`/api/v1/workspaces/${workspaceId}`)
      .set(as(owner))
      .send({ branding: { logoUrl: `http://127.0.0.1:${port}/logo.png` } })
      .expect(200);
    const res = await edit(original.id, [{ op: 'watermark', logo: true, position: 'top-left', opacity: 1 }]).expect(
      201,
    );
    const data = await fileOf(res.body);
    // The green logo sits inside the top-left margin; the opposite corner is untouched.
    expect(await meanOf(data, { left: 20, top: 20, width: 20, height: 20 })).toEqual([0, 255, 0]);
    expect(await meanOf(data, { left: 700, top: 300, width: 50, height: 50 })).toEqual([200, 80, 40]);
  });

  it('edits images only, and names what is wrong in a step', async () => {
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
    );
    const document = await upload(pdf, 'brochure.pdf');
    const refused = await edit(document.id, [{ op: 'rotate', degrees: 90 }]).expect(422);
    expect(refused.body).toMatchObject({ code: 'NOT_AN_IMAGE', errors: [{ field: 'id' }] });
    const image = await upload(await png(100, 100));
    const cases: Array<[object[], string]> = [
      [[{ op: 'blur' }], 'op'],
      [[{ op: 'rotate', degrees: 45 }], 'degrees'],
      [[{ op: 'crop', aspect: '3:1' }], 'aspect'],
      [[{ op: 'resize', width: 0 }], 'width'],
      [[{ op: 'watermark', text: 'x', position: 'middle', opacity: 1 }], 'position'],
      [[{ op: 'watermark', text: 'x', position: 'center', opacity: 2 }], 'opacity'],
      [[{ op: 'watermark', position: 'center', opacity: 1 }], 'text'],
    ];
    for (const [operations, field] of cases) {
      const res = await edit(image.id, operations).expect(400);
      expect(res.body.errors[0].field, JSON.stringify(operations)).toBe(`operations.0.${field}`);
    }
    expect((await edit(image.id, []).expect(400)).body.errors[0].field).toBe('operations');
  });

  it("offers each network's crops from its image rule", async () => {
    const res = await t.http.get('/api/v1/media/aspect-ratios').set(as(owner, workspaceId)).expect(200);
    expect(res.body.aspects).toContainEqual({ aspect: '4:5', ratio: 0.8 });
    expect(res.body.networks).toContainEqual({
      network: 'instagram',
      label: 'Instagram',
      min: 0.8,
      max: 1.91,
      aspects: ['4:5', '1:1', '16:9', '1.91:1'],
    });
  });
});

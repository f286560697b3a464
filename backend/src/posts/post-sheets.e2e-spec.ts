import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackgroundJobs } from '../jobs/background-jobs';
import { as, newUser, newWorkspace, TestUser } from '../testing/factories';
import { startTestApp, TestApp } from '../testing/test-app';
import { DATABASE_KINDS } from '../testing/test-database';

describe.each(DATABASE_KINDS)('bulk import and export on %s', (kind) => {
  let t: TestApp;
  let owner: TestUser;
  let workspaceId: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    owner = await newUser(t, 'owner');
    workspaceId = await newWorkspace(t, owner, 'Sheets Inc', 'Europe/Paris');
    for (const name of ['Brand A', 'Brand B']) {
      await t.http.post('/api/v1/accounts').set(as(owner, workspaceId)).send({ network: 'sandbox', name }).expect(201);
    }
    await t.app.get(BackgroundJobs).start();
  });
  afterAll(() => t?.close());

  const importFile = async (content: Buffer, name: string) => {
    const res = await t.http.post('/api/v1/posts/import').set(as(owner, workspaceId)).attach('file', content, name);
    expect(res.status).toBe(202);
    const id = res.body.job_id as string;
    for (let i = 0; i < 200; i++) {
      const job = await t.http.get(`/api/v1/jobs/${id}`).set(as(owner, workspaceId)).expect(200);
      if (job.body.status === 'completed' || job.body.status === 'failed') return job.body;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the import did not finish');
  };

  it('imports rows as posts in the background, with progress and per-row errors', async () => {
    const csv = [
      'text,accounts,scheduled_at,labels',
      'First from the sheet,Brand A; Brand B,2030-03-02 09:15,sheet',
      'A draft,brand b,,',
      'Nobody,Brand Z,,',
      'Too long ' + 'x'.repeat(500) + ',Brand A,2030-03-02 10:00,',
    ].join('\n');
    const job = await importFile(Buffer.from(csv), 'posts.csv');
    expect(job).toMatchObject({ status: 'completed', progress: 100, type: 'posts.import' });
    expect(job.result.created).toBe(2);
    expect(job.result.errors).toEqual([
      { row: 4, field: 'accounts', message: 'no connected account named or with the id Brand Z' },
      { row: 5, field: 'text', message: expect.stringContaining('Sandbox allows 500') },
    ]);
    const first = await t.http.get(`/api/v1/posts/${job.result.postIds[0]}`).set(as(owner, workspaceId)).expect(200);
    expect(first.body).toMatchObject({ source: 'import', state: 'scheduled', labels: ['sheet'] });
    expect(first.body.variants.map((v: { scheduledAt: string }) => v.scheduledAt)).toEqual([
      '2030-03-02T08:15:00.000Z',
      '2030-03-02T08:15:00.000Z',
    ]);
  });

  it('refuses a file that is not a sheet, naming the field', async () => {
    const res = await t.http
      .post('/api/v1/posts/import')
      .set(as(owner, workspaceId))
      .attach('file', Buffer.from('not excel'), 'posts.xlsx');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('file');
  });

  it.each(['csv', 'xlsx'])('exports %s that imports back to the same posts, media included', async (format) => {
    const image = await t.http
      .post('/api/v1/media')
      .set(as(owner, workspaceId))
      .attach(
        'file',
        await sharp({ create: { width: 64, height: 64, channels: 3, background: '#3a6' } })
          .png()
          .toBuffer(),
        'dot.png',
      )
      .expect(201);
    const accounts = (await t.http.get('/api/v1/accounts').set(as(owner, workspaceId))).body.items;
    await t.http
      .post('/api/v1/posts')
      .set(as(owner, workspaceId))
      .send({
        text: `With a picture (${format})`,
        labels: ['pics'],
        variants: [{ accountId: accounts[0].id, mediaIds: [image.body.id] }],
        schedule: { type: 'single', at: '2031-01-05T10:00:00.000Z' },
      })
      .expect(201);
    const exported = await t.http
      .get(`/api/v1/posts/export?format=${format}`)
      .set(as(owner, workspaceId))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const before = (await t.http.get('/api/v1/posts?limit=100').set(as(owner, workspaceId))).body.items.length;
    const job = await importFile(exported.body as Buffer, `posts.${format}`);
    expect(job.result.errors).toEqual([]);
    expect(job.result.created).toBe(before);
    const copies = (await t.http.get('/api/v1/posts?limit=100&label=pics').set(as(owner, workspaceId))).body.items;
    const again = copies.filter((p: { text: string }) => p.text === `With a picture (${format})`);
    expect(again).toHaveLength(2);
    expect(again.map((p: { variants: { mediaIds: string[]; scheduledAt: string }[] }) => p.variants[0])).toEqual([
      expect.objectContaining({ mediaIds: [image.body.id], scheduledAt: '2031-01-05T10:00:00.000Z' }),
      expect.objectContaining({ mediaIds: [image.body.id], scheduledAt: '2031-01-05T10:00:00.000Z' }),
    ]);
  });
});

import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
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

  /** Imports through the API and follows the job to its end; `seen` collects the progress it reported. */
  const importFile = async (content: Buffer, name: string, into = workspaceId, timeoutMs = 20_000, seen?: number[]) => {
    const res = await t.http.post('/api/v1/posts/import').set(as(owner, into)).attach('file', content, name);
    expect(res.status).toBe(202);
    const id = res.body.job_id as string;
    for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
      const job = await t.http.get(`/api/v1/jobs/${id}`).set(as(owner, into)).expect(200);
      seen?.push(job.body.progress);
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
      'Bad time,Brand A,next week,',
    ].join('\n');
    const job = await importFile(Buffer.from(csv), 'posts.csv');
    expect(job).toMatchObject({ status: 'completed', progress: 100, type: 'posts.import' });
    expect(job.result.created).toBe(2);
    expect(job.result.errors).toEqual([
      { row: 4, field: 'accounts', message: 'no connected account named or with the id Brand Z' },
      { row: 5, field: 'text', message: expect.stringContaining('Sandbox allows 500') },
      // Refused on reading, after rows refused on writing: still in row order.
      { row: 6, field: 'scheduled_at', message: expect.stringContaining('next week is not a time') },
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

  describe('a large sheet', () => {
    // 100,000 rows on SQLite (the embedded default, and what bench:api imports); fewer on PostgreSQL.
    const ROWS = kind === 'sqlite' ? 100_000 : 5_000;
    const ACCOUNTS = 50;
    const base = Date.parse('2030-01-01T00:00:00Z');
    const quotaBlock = Math.round(ROWS * 0.3); // 26 posts on one account at one time: the 26th is over quota
    const bad: Record<number, { cells: string[]; error: { field: string; message: unknown } }> = {
      10: {
        cells: ['Nobody', 'Nobody', '', '', '', ''],
        error: { field: 'accounts', message: 'no connected account named or with the id Nobody' },
      },
      [Math.round(ROWS * 0.2)]: {
        cells: ['Bad date', 'Bulk 2', 'next tuesday', '', '', ''],
        error: { field: 'scheduled_at', message: expect.stringContaining('next tuesday is not a time') },
      },
      [Math.round(ROWS * 0.5)]: {
        cells: ['x'.repeat(600), 'Bulk 4', '2030-06-01T10:00:00Z', '', '', ''],
        error: { field: 'text', message: expect.stringContaining('Sandbox allows 500') },
      },
      [Math.round(ROWS * 0.7)]: {
        cells: ['Bad link', 'Bulk 5', '', 'link', 'ftp://example.com', ''],
        error: { field: 'link', message: 'ftp://example.com is not an http(s) URL' },
      },
      [quotaBlock + 25]: {
        cells: ['Quota 25', 'Bulk 1', '2031-06-01T10:00:00Z', '', '', ''],
        error: { field: 'scheduled_at', message: 'Bulk 1: would exceed Sandbox: 25 posts per account per 24 hours' },
      },
      [ROWS + 1]: {
        cells: ['Long label', 'Bulk 6', '', '', '', 'y'.repeat(60)],
        error: { field: 'labels', message: expect.stringContaining('50 characters') },
      },
    };
    /** Sheet row `row` (the header is 1): every other post scheduled, each account twice a day at most. */
    const cellsOf = (row: number): string[] => {
      if (bad[row]) return bad[row].cells;
      if (row >= quotaBlock && row < quotaBlock + 25)
        return [`Quota ${row - quotaBlock}`, 'Bulk 1', '2031-06-01T10:00:00Z', '', '', ''];
      return plain(row);
    };
    const plain = (row: number): string[] => {
      const i = row - 2;
      const at = i % 2 === 0 ? new Date(base + i * 15 * 60_000).toISOString() : '';
      return [`Post ${i}, "quoted"`, `Bulk ${i % ACCOUNTS}`, at, '', '', i % 3 === 0 ? `wave-${i % 7}` : ''];
    };
    const header = ['text', 'accounts', 'scheduled_at', 'post_type', 'link', 'labels'];
    const rows = (count: number) => Array.from({ length: count }, (_, i) => cellsOf(i + 2));
    const quote = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
    const csvOf = (table: string[][]) => Buffer.from(table.map((r) => r.map(quote).join(',')).join('\r\n'));
    let bulkWorkspace: string;

    beforeAll(async () => {
      bulkWorkspace = await newWorkspace(t, owner, 'Bulk Inc', 'Europe/Paris');
      for (let i = 0; i < ACCOUNTS; i++) {
        await t.http
          .post('/api/v1/accounts')
          .set(as(owner, bulkWorkspace))
          .send({ network: 'sandbox', name: `Bulk ${i}` })
          .expect(201);
      }
    });

    it(`imports ${ROWS.toLocaleString('en')} CSV rows through the API: every good row lands, each bad one is named`, async () => {
      const seen: number[] = [];
      const job = await importFile(csvOf([header, ...rows(ROWS)]), 'bulk.csv', bulkWorkspace, 280_000, seen);
      expect(job).toMatchObject({ status: 'completed', progress: 100 });
      const errors = Object.entries(bad).map(([row, { error }]) => ({ row: Number(row), ...error }));
      expect(job.result.errors).toEqual(errors);
      expect(job.result.errorCount).toBe(errors.length);
      const created = ROWS - errors.length;
      expect(job.result.created).toBe(created);
      expect(new Set(job.result.postIds).size).toBe(created);
      // Progress moved while it ran, never backwards.
      expect(seen.some((p) => p > 0 && p < 100)).toBe(true);
      expect(seen).toEqual([...seen].sort((a, b) => a - b));

      const count = async (sql: string) =>
        Number((await t.db.query(sql.replace('$w', `'${bulkWorkspace}'`)))[0].n as string | number);
      const good = rows(ROWS)
        .map((cells, i) => ({ row: i + 2, cells }))
        .filter(({ row }) => !bad[row]);
      expect(await count(`SELECT COUNT(*) AS n FROM posts WHERE "workspaceId" = $w AND source = 'import'`)).toBe(
        created,
      );
      expect(await count(`SELECT COUNT(*) AS n FROM post_variants WHERE "workspaceId" = $w`)).toBe(created);
      expect(
        await count(`SELECT COUNT(*) AS n FROM post_variants WHERE "workspaceId" = $w AND state = 'scheduled'`),
      ).toBe(good.filter(({ cells }) => cells[2]).length);
      expect(
        await count(
          `SELECT COUNT(*) AS n FROM schedules s JOIN posts p ON p.id = s."postId" WHERE p."workspaceId" = $w`,
        ),
      ).toBe(good.filter(({ cells }) => cells[2]).length);
      expect(
        await count(
          `SELECT COUNT(*) AS n FROM post_labels pl JOIN posts p ON p.id = pl."postId" WHERE p."workspaceId" = $w`,
        ),
      ).toBe(good.filter(({ cells }) => cells[5]).length);
      expect(await count(`SELECT COUNT(*) AS n FROM labels WHERE "workspaceId" = $w`)).toBe(7);

      // The first and the last posts read back through the API as their rows say, in row order.
      const first = await t.http
        .get(`/api/v1/posts/${job.result.postIds[0]}`)
        .set(as(owner, bulkWorkspace))
        .expect(200);
      expect(first.body).toMatchObject({
        text: 'Post 0, "quoted"',
        source: 'import',
        state: 'scheduled',
        labels: ['wave-0'],
      });
      expect(first.body.variants[0].scheduledAt).toBe('2030-01-01T00:00:00.000Z');
      const last = await t.http
        .get(`/api/v1/posts/${job.result.postIds.at(-1)}`)
        .set(as(owner, bulkWorkspace))
        .expect(200);
      expect(last.body.text).toBe(`Post ${ROWS - 2}, "quoted"`);

      // Export writes every one of them back (it stopped at 5,000), oldest first.
      const exported = await t.http
        .get('/api/v1/posts/export?format=csv')
        .set(as(owner, bulkWorkspace))
        .buffer(true)
        .parse((res, done) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString('utf8')));
          res.on('end', () => done(null, text));
        })
        .expect(200);
      const table = parse(exported.body as string) as string[][];
      expect(table).toHaveLength(created + 1);
      expect(table[1].slice(0, 2)).toEqual(['Post 0, "quoted"', 'Bulk 0']);
      expect(table.at(-1)!.slice(0, 2)).toEqual([`Post ${ROWS - 2}, "quoted"`, `Bulk ${(ROWS - 2) % ACCOUNTS}`]);
    }, 300_000);

    it('imports XLSX the same way, streamed', async () => {
      const count = 2_000;
      const book = new ExcelJS.Workbook();
      const table = Array.from({ length: count }, (_, i) => (i + 2 === 10 ? cellsOf(10) : plain(i + 2)));
      book.addWorksheet('Posts').addRows([header, ...table]);
      const file = Buffer.from(await book.xlsx.writeBuffer());
      const job = await importFile(file, 'bulk.xlsx', bulkWorkspace, 120_000);
      expect(job.status).toBe('completed');
      expect(job.result.errors).toEqual([
        { row: 10, field: 'accounts', message: 'no connected account named or with the id Nobody' },
      ]);
      expect(job.result.created).toBe(count - 1);
      const post = await t.http.get(`/api/v1/posts/${job.result.postIds[1]}`).set(as(owner, bulkWorkspace)).expect(200);
      expect(post.body).toMatchObject({ text: 'Post 1, "quoted"', state: 'draft', labels: [] });
    }, 150_000);

    it('refuses a file over the row limit before creating anything', async () => {
      const before = (await t.http.get('/api/v1/posts?limit=1').set(as(owner, workspaceId))).body.items[0]?.id;
      const over = Buffer.from(
        ['text,accounts', ...Array.from({ length: 100_001 }, (_, i) => `p${i},Brand A`)].join('\n'),
      );
      const job = await importFile(over, 'over.csv', workspaceId, 60_000);
      expect(job).toMatchObject({ status: 'failed', error: expect.stringContaining('at most 100000') });
      expect((await t.http.get('/api/v1/posts?limit=1').set(as(owner, workspaceId))).body.items[0]?.id).toBe(before);
    }, 90_000);
  });
});

import ExcelJS from 'exceljs';
import { buffer } from 'node:stream/consumers';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  countPostRows,
  detectSheetFormat,
  ImportedPost,
  parsePostSheet,
  readPostSheet,
  SheetFormatError,
  writePostSheet,
} from './post-sheet';

const zone = 'Europe/Paris';
const posts: ImportedPost[] = [
  {
    text: 'Line one, with "quotes"; and a semicolon\nand a second line 🎉👩‍👩‍👧',
    accounts: ['Brand A', 'Brand B', 'brand-c'],
    scheduledAt: new Date('2026-07-01T07:30:00Z'),
    postType: 'status',
    link: null,
    labels: ['launch', 'q3 plan', 'été'],
    mediaUrls: [],
  },
  {
    text: 'Read the post',
    accounts: ['0190e0e0-0000-7000-8000-000000000000'],
    scheduledAt: null,
    postType: 'link',
    link: 'https://example.com/post?a=1,2',
    labels: [],
    mediaUrls: ['https://cdn.example.com/a.png', 'http://cdn.example.com/b.png'],
  },
  {
    text: '',
    accounts: ['Brand A'],
    scheduledAt: new Date('2026-12-24T23:15:00Z'),
    postType: 'photo',
    link: null,
    labels: [],
    mediaUrls: ['https://cdn.example.com/only-media.jpg'],
  },
];
const csv = (text: string) => Buffer.from(text, 'utf8');

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Posts');
  rows.forEach((row, i) => (sheet.getRow(i + 1).values = row as ExcelJS.CellValue[]));
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('post sheet round trip', () => {
  it.each(['csv', 'xlsx'] as const)('exporting then importing %s gives the same posts', async (format) => {
    const file = await buffer(writePostSheet(posts, format, { timeZone: zone }));
    expect(detectSheetFormat(`posts.${format}`, file.subarray(0, 8))).toBe(format);
    const parsed = await parsePostSheet(file, format, { timeZone: zone });
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toEqual(posts.map((post, i) => ({ row: i + 2, post })));
  });

  it('writes times as wall-clock time in the workspace zone', async () => {
    const file = (await buffer(writePostSheet(posts, 'csv', { timeZone: zone }))).toString('utf8');
    expect(file.split(/\r?\n/)[0]).toBe('text,accounts,scheduled_at,post_type,link,labels,media_urls');
    expect(file).toContain('2026-07-01 09:30');
    expect(file).toContain('2026-12-25 00:15');
  });
});

describe('formula injection', () => {
  const risky = ['=HYPERLINK("http://evil")', '+1', '-50% today', '@channel', '\t=1+1'];
  const riskyPosts = risky.map((text) => ({ ...posts[1], text, labels: [text.trim()] }));

  it('writes a CSV cell that a spreadsheet would run as a formula behind an apostrophe', async () => {
    const file = (await buffer(writePostSheet(riskyPosts, 'csv', { timeZone: zone }))).toString('utf8');
    const cells = (await parsePostSheet(Buffer.from(file.replace(/'(?=[=+\-@\t])/g, '#')), 'csv', { timeZone: zone }))
      .rows;
    expect(cells.map((r) => r.post.text)).toEqual(risky.map((text) => `#${text}`));
    expect(file).not.toMatch(/(^|,)"?[=+\-@]/m);
  });

  it.each(['csv', 'xlsx'] as const)('reads its own guarded %s back to the original text', async (format) => {
    const file = await buffer(writePostSheet(riskyPosts, format, { timeZone: zone }));
    const parsed = await parsePostSheet(file, format, { timeZone: zone });
    expect(parsed.rows.map((r) => r.post.text)).toEqual(risky);
  });
});

describe('post sheet row errors', () => {
  it('names the row and column of every bad cell, skipping empty lines', async () => {
    const file = csv(
      [
        'text,accounts,scheduled_at,post_type,link,media_urls',
        'ok,Brand A,2026-03-29 10:00,status,,',
        'bad date,Brand A,next tuesday,status,,',
        ',,,,,',
        'gap,Brand A,2026-03-29 02:30,status,,',
        'type,Brand A,,hologram,,',
        'link,Brand A,,link,ftp://example.com,',
        '',
        'nobody,,,status,,',
        ',Brand A,,status,,',
        'media,Brand A,,photo,,not-a-url',
        'fine,"Brand A, Brand B",2026-03-29T10:00:00Z,VIDEO,,',
      ].join('\n'),
    );
    const parsed = await parsePostSheet(file, 'csv', { timeZone: zone });
    expect(parsed.errors.map((e) => [e.row, e.field])).toEqual([
      [3, 'scheduled_at'],
      [5, 'scheduled_at'],
      [6, 'post_type'],
      [7, 'link'],
      [9, 'accounts'],
      [10, 'text'],
      [11, 'media_urls'],
    ]);
    expect(parsed.errors[1].message).toBe('2026-03-29 02:30 does not exist in Europe/Paris (the clocks skip it)');
    expect(parsed.errors[2].message).toContain('hologram is not a post type');
    expect(parsed.rows.map((r) => r.row)).toEqual([2, 12]);
    expect(parsed.rows[1].post).toMatchObject({ accounts: ['Brand A', 'Brand B'], postType: 'video' });
  });

  it('gives XLSX rows their sheet row numbers too', async () => {
    const file = await xlsx([['Text', 'Accounts', 'Post_Type'], ['a', 'Brand A'], [], ['b', 'Brand A', 'nope']]);
    const parsed = await parsePostSheet(file, 'xlsx', { timeZone: zone });
    expect(parsed.rows.map((r) => r.row)).toEqual([2]);
    expect(parsed.errors.map((e) => [e.row, e.field])).toEqual([[4, 'post_type']]);
  });

  it('reports unknown and repeated columns once, on row 1', async () => {
    const file = csv('text,accounts,colour,Labels,labels\nhi,A,red,x,y\n');
    const parsed = await parsePostSheet(file, 'csv', { timeZone: zone });
    expect(parsed.errors).toEqual([
      { row: 1, field: 'colour', message: expect.stringContaining('unknown column') },
      { row: 1, field: 'labels', message: expect.stringContaining('more than once') },
    ]);
    expect(parsed.rows[0].post.labels).toEqual(['y']);
  });
});

describe('post sheet times', () => {
  it('accepts ISO 8601 times with an offset and refuses them without one', async () => {
    const file = csv('text,accounts,scheduled_at\nhi,A,2026-05-01T10:00:00+02:00\nho,A,2026-05-01T10:00:00\n');
    const parsed = await parsePostSheet(file, 'csv', { timeZone: zone });
    expect(parsed.rows).toEqual([
      { row: 2, post: expect.objectContaining({ scheduledAt: new Date('2026-05-01T08:00:00Z') }) },
    ]);
    expect(parsed.errors.map((e) => [e.row, e.field])).toEqual([[3, 'scheduled_at']]);
  });

  it('reads a real Excel date cell as local time in the workspace zone', async () => {
    // ExcelJS stores a Date's UTC fields as the cell's wall time; 18:45 here means 18:45 in Paris.
    const file = await xlsx([
      ['text', 'accounts', 'scheduled_at'],
      ['From Excel', 'Brand A', new Date(Date.UTC(2026, 5, 15, 18, 45))],
    ]);
    const parsed = await parsePostSheet(file, 'xlsx', { timeZone: zone });
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows[0].post.scheduledAt).toEqual(new Date('2026-06-15T16:45:00Z'));
  });

  it('refuses a zone the runtime does not know', async () => {
    await expect(parsePostSheet(csv('text,accounts\n'), 'csv', { timeZone: 'Mars/Olympus' })).rejects.toThrow(
      RangeError,
    );
  });
});

describe('post sheet files', () => {
  it('reads ;-separated CSV with a byte order mark, as European Excel writes it', async () => {
    const file = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      csv('Text;Accounts;Scheduled_At;Labels\r\nBonjour, monde;Brand A, Brand B;2026-10-25 02:30;"fr;promo"\r\n'),
    ]);
    expect(detectSheetFormat('posts.csv', file.subarray(0, 8))).toBe('csv');
    const parsed = await parsePostSheet(file, 'csv', { timeZone: zone });
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows[0].post).toMatchObject({
      text: 'Bonjour, monde',
      accounts: ['Brand A', 'Brand B'],
      labels: ['fr', 'promo'],
    });
  });

  it('imports up to maxRows posts and refuses more, naming the limit', async () => {
    const sheet = (n: number) =>
      csv(['text,accounts', ...Array.from({ length: n }, (_, i) => `p${i},A`), '', ''].join('\n'));
    expect((await parsePostSheet(sheet(3), 'csv', { timeZone: zone, maxRows: 3 })).rows).toHaveLength(3);
    const refused = parsePostSheet(sheet(4), 'csv', { timeZone: zone, maxRows: 3 });
    await expect(refused).rejects.toThrow(SheetFormatError);
    await expect(refused).rejects.toMatchObject({
      problem: 'too_many_rows',
      message: expect.stringContaining('at most 3'),
    });
  });

  it('refuses files it cannot read as a whole, saying why', async () => {
    const problem = (p: Promise<unknown>) =>
      p.then(
        () => 'read',
        (e: SheetFormatError) => e.problem,
      );
    expect(() => detectSheetFormat('posts.xlsx', csv('text,accounts'))).toThrow(SheetFormatError);
    expect(() => detectSheetFormat('posts.csv', Buffer.from([0x00, 0x01, 0x02]))).toThrow(/neither CSV nor XLSX/);
    expect(await problem(parsePostSheet(csv(''), 'csv', { timeZone: zone }))).toBe('no_header');
    expect(await problem(parsePostSheet(csv('hello,world\n'), 'csv', { timeZone: zone }))).toBe('no_header');
    expect(await problem(parsePostSheet(csv('text,accounts\n"open,A\n'), 'csv', { timeZone: zone }))).toBe(
      'unreadable',
    );
    const notAWorkbook = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(64)]);
    expect(await problem(parsePostSheet(notAWorkbook, 'xlsx', { timeZone: zone }))).toBe('unreadable');
  });
});

describe('post sheets as streams', () => {
  it('reads rows as they arrive, whatever the chunks cut through (header, quotes, characters)', async () => {
    const text = 'text;accounts;labels\r\n"Été, ""quoted""\nline two";Brand A;fr\r\n\r\n🎉;Brand B;\r\n';
    const bytes = Buffer.from(`\uFEFF${text}`, 'utf8');
    // Three-byte chunks split the BOM, the emoji, the accents and the header from its delimiter.
    const chunks = Array.from({ length: Math.ceil(bytes.length / 3) }, (_, i) => bytes.subarray(i * 3, i * 3 + 3));
    const entries = [];
    for await (const entry of readPostSheet(Readable.from(chunks), 'csv', { timeZone: zone })) entries.push(entry);
    expect(entries).toEqual([
      {
        row: 2,
        post: expect.objectContaining({ text: 'Été, "quoted"\nline two', accounts: ['Brand A'], labels: ['fr'] }),
      },
      { row: 4, post: expect.objectContaining({ text: '🎉', accounts: ['Brand B'] }) },
    ]);
    expect(await countPostRows(Readable.from(chunks), 'csv', { timeZone: zone })).toBe(2);
  });

  it('holds rows to the bounds the API holds posts to, naming the column', async () => {
    const labels = Array.from({ length: 21 }, (_, i) => `l${i}`).join(';');
    const accounts = Array.from({ length: 51 }, (_, i) => `a${i}`).join(';');
    const file = csv(
      [
        'text,accounts,labels,link',
        `"${'x'.repeat(10_001)}",Brand A,,`,
        `ok,"${accounts}",,`,
        `ok,Brand A,${labels},`,
        `ok,Brand A,${'y'.repeat(51)},`,
        `ok,Brand A,,https://example.com/${'z'.repeat(2048)}`,
      ].join('\n'),
    );
    const parsed = await parsePostSheet(file, 'csv', { timeZone: zone });
    expect(parsed.rows).toEqual([]);
    expect(parsed.errors.map((e) => [e.row, e.field])).toEqual([
      [2, 'text'],
      [3, 'accounts'],
      [4, 'labels'],
      [5, 'labels'],
      [6, 'link'],
    ]);
  });
});

import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { detectSheetFormat, ImportedPost, parsePostSheet, SheetFormatError, writePostSheet } from './post-sheet';

const zone = 'Europe/Paris';
const posts: ImportedPost[] = [
  {
    text: 'Line one, with "quotes"\nand a second line 🎉',
    accounts: ['Brand A', 'Brand B'],
    scheduledAt: new Date('2026-07-01T07:30:00Z'),
    postType: 'status',
    link: null,
    labels: ['launch', 'q3'],
    mediaUrls: [],
  },
  {
    text: 'Read the post',
    accounts: ['0190e0e0-0000-7000-8000-000000000000'],
    scheduledAt: null,
    postType: 'link',
    link: 'https://example.com/post?a=1,2',
    labels: [],
    mediaUrls: ['https://cdn.example.com/a.png'],
  },
];
const csv = (text: string) => Buffer.from(text, 'utf8');

describe('post sheets', () => {
  it.each(['csv', 'xlsx'] as const)('round-trips %s: export then import gives the same posts', async (format) => {
    const file = await writePostSheet(posts, format, { timeZone: zone });
    expect(detectSheetFormat(`posts.${format}`, file.subarray(0, 8))).toBe(format);
    const parsed = await parsePostSheet(file, format, { timeZone: zone });
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows.map((r) => r.post)).toEqual(posts);
    expect(parsed.rows.map((r) => r.row)).toEqual([2, 3]);
  });

  it('writes times as wall-clock time in the workspace zone', async () => {
    const file = (await writePostSheet(posts, 'csv', { timeZone: zone })).toString('utf8');
    expect(file).toContain('2026-07-01 09:30');
  });

  it('names the row and column of every bad cell', async () => {
    const file = csv(
      [
        'text,accounts,scheduled_at,post_type,link',
        'ok,Brand A,2026-03-29 10:00,status,',
        'bad date,Brand A,next tuesday,status,',
        'gap,Brand A,2026-03-29 02:30,status,',
        'type,Brand A,,hologram,',
        'link,Brand A,,link,ftp://example.com',
        'nobody,,,status,',
        '',
      ].join('\n'),
    );
    const parsed = await parsePostSheet(file, 'csv', { timeZone: zone });
    expect(parsed.rows.map((r) => r.row)).toEqual([2]);
    expect(parsed.errors.map((e) => [e.row, e.field])).toEqual([
      [3, 'scheduled_at'],
      [4, 'scheduled_at'],
      [5, 'post_type'],
      [6, 'link'],
      [7, 'accounts'],
    ]);
    expect(parsed.errors[1].message).toContain('does not exist in Europe/Paris');
  });

  it('reads ;-separated CSV with a byte order mark, as European Excel writes it', async () => {
    const file = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      csv('Text;Accounts;Labels\r\nBonjour, monde;Brand A;"fr;promo"\r\n'),
    ]);
    const parsed = await parsePostSheet(file, 'csv', { timeZone: zone });
    expect(parsed.rows[0].post).toMatchObject({
      text: 'Bonjour, monde',
      accounts: ['Brand A'],
      labels: ['fr', 'promo'],
    });
  });

  it('accepts ISO times with an offset and reports unknown columns on row 1', async () => {
    const parsed = await parsePostSheet(
      csv('text,accounts,scheduled_at,colour\nhi,A,2026-05-01T10:00:00+02:00,red\n'),
      'csv',
      {
        timeZone: zone,
      },
    );
    expect(parsed.rows[0].post.scheduledAt).toEqual(new Date('2026-05-01T08:00:00Z'));
    expect(parsed.errors).toEqual([{ row: 1, field: 'colour', message: expect.stringContaining('unknown column') }]);
  });

  it('reads a real Excel date cell as local time in the workspace zone', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Posts');
    sheet.addRow(['text', 'accounts', 'scheduled_at']);
    sheet.addRow(['From Excel', 'Brand A', new Date(Date.UTC(2026, 5, 15, 18, 45))]);
    const parsed = await parsePostSheet(Buffer.from(await book.xlsx.writeBuffer()), 'xlsx', { timeZone: zone });
    expect(parsed.rows[0].post.scheduledAt).toEqual(new Date('2026-06-15T16:45:00Z'));
  });

  it('refuses files it cannot read as a whole, saying why', async () => {
    expect(() => detectSheetFormat('posts.xlsx', csv('text,accounts'))).toThrow(SheetFormatError);
    await expect(parsePostSheet(csv('just,a,header\n'), 'csv', { timeZone: zone })).rejects.toThrow(
      /text and accounts/,
    );
    const many = csv(['text,accounts', ...Array.from({ length: 4 }, (_, i) => `p${i},A`)].join('\n'));
    await expect(parsePostSheet(many, 'csv', { timeZone: zone, maxRows: 3 })).rejects.toThrow(/at most 3/);
  });
});

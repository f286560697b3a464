import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * The text of a PDF as poppler's `pdftotext -layout` reads it (Debian poppler-utils): how specs check
 * what a report says. Test helper only; the app never shells out.
 */
export async function pdfText(pdf: Buffer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'report-'));
  try {
    const path = join(dir, 'report.pdf');
    await writeFile(path, pdf);
    const { stdout } = await promisify(execFile)('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-']);
    return stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

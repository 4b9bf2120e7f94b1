/**
 * PDF from the report's HTML. No PDF library is installed in this project, so the PDF is printed by a
 * headless chromium (Debian's `/usr/bin/chromium`) when one is there: the HTML is written to a private
 * temporary folder and printed with `--print-to-pdf`. Without a browser the caller answers 501.
 * (Adding `pdfkit`, MIT, would make PDF available everywhere without a browser.)
 */
import { execFile } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export async function chromiumAvailable(chromiumPath: string | null): Promise<boolean> {
  if (chromiumPath === null) return false;
  try {
    await access(chromiumPath, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export class PdfRenderError extends Error {
  override readonly name = 'PdfRenderError';
}

export async function renderPdfWithChromium(html: string, chromiumPath: string, timeoutMs = 60_000): Promise<Buffer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'penghubung-report-'));
  try {
    const input = path.join(dir, 'laporan.html');
    const output = path.join(dir, 'laporan.pdf');
    await writeFile(input, html, 'utf8');
    await new Promise<void>((resolve, reject) => {
      execFile(
        chromiumPath,
        [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-extensions',
          '--no-first-run',
          '--no-pdf-header-footer',
          '--print-to-pdf-no-header', // the same, for chromium before 111
          `--user-data-dir=${path.join(dir, 'profile')}`,
          `--print-to-pdf=${output}`,
          pathToFileURL(input).href,
        ],
        { timeout: timeoutMs, maxBuffer: 4 * 1024 * 1024 },
        (error, _stdout, stderr) => (error ? reject(new PdfRenderError(`${error.message}\n${String(stderr).slice(0, 2000)}`)) : resolve()),
      );
    });
    const pdf = await readFile(output);
    if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new PdfRenderError('chromium did not write a PDF');
    return pdf;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

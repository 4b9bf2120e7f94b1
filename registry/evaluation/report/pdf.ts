/**
 * The monitoring-and-evaluation report as an A4 PDF, drawn with pdfkit from the report's content
 * (content.ts, the same headings, figures and notes as the HTML): no browser, nothing outside the
 * process, the same bytes for the same report (the creation date is the report's generation time).
 *
 * Layout is done here, not by pdfkit's text flow: every line is measured, wrapped or cut with "…" and
 * drawn at a known position with `lineBreak: false`, so pdfkit never adds a page behind our back. Pages
 * are buffered so the footer can say "Halaman X dari Y" once the page count is known. Tables repeat
 * their header row on every page they continue on; charts are vector graphics in the HTML's colours.
 *
 * Text uses the PDF's built-in Helvetica and Courier, whose encoding is WinAnsi (Latin-1 and a few
 * typographic marks). pdfkit writes any other character as bytes that show as garbage, so every
 * string passes `winAnsiText` first: arrows and comparison signs get ASCII spellings, accented
 * letters outside Latin-1 lose their accent, and anything else (emoji, CJK) becomes "?".
 */
import PDFDocument from 'pdfkit';
import type { EvaluationReport } from './buildReport.ts';
import { PALETTE } from './charts.ts';
import { formatDayId, reportContent } from './content.ts';
import type { Cell, ChartBlock, ListBlock, ParagraphBlock, ReportBlock, ReportContent, ReportLang, SignatureBlock, TableBlock } from './content.ts';

// ---------------------------------------------------------------------------------------------
// Text that the standard fonts can show

/** The characters WinAnsi puts in 0x80–0x9F, beyond Latin-1. */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

const REPLACEMENTS: Readonly<Record<string, string>> = {
  '→': '->',
  '←': '<-',
  '↔': '<->',
  '⇒': '=>',
  '≥': '>=',
  '≤': '<=',
  '≠': '!=',
  '≈': '~',
  '−': '-',
  '‐': '-',
  '‑': '-',
  '‒': '-',
  '―': '-',
  '′': "'",
  '″': '"',
  '✓': 'v',
  '✔': 'v',
  '✗': 'x',
  '✘': 'x',
  // Letters without a decomposition to a Latin-1 base letter.
  ı: 'i',
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  Ħ: 'H',
  ħ: 'h',
};

function isWinAnsi(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return (code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff && code !== 0xad) || WIN_ANSI_EXTRA.has(char);
}

/**
 * `value` with only characters Helvetica can show through WinAnsi: whitespace and line breaks become
 * one space each, invisible marks (combining accents, zero-width joiners, variation selectors, control
 * characters) are dropped, letters keep their base letter (`ő` → `o`, `ﬁ` → `fi`), a few symbols get
 * an ASCII spelling (`→` → `->`, `≥` → `>=`), and anything else becomes `?`.
 */
export function winAnsiText(value: string): string {
  let out = '';
  for (const char of value.normalize('NFC')) {
    if (isWinAnsi(char)) {
      out += char;
      continue;
    }
    const replacement = REPLACEMENTS[char];
    if (replacement !== undefined) out += replacement;
    else if (/^[\s\p{Zs}]$/u.test(char)) out += ' ';
    else if (/^[\p{M}\p{Cf}\p{Cc}]$/u.test(char)) continue;
    else {
      const base = char.normalize('NFKD').replace(/\p{M}/gu, '');
      out += base !== '' && base !== char && [...base].every(isWinAnsi) ? base : '?';
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Page, fonts, colours

type Doc = PDFKit.PDFDocument;

interface Style {
  font: string;
  size: number;
  color?: string;
}

const MARGINS = { top: 48, bottom: 62, left: 42, right: 42 };
/** The footer's line sits this far above the bottom edge of the page. */
const FOOTER_FROM_BOTTOM = 40;

const COLOR = { ...PALETTE, muted: '#57606a', note: '#3d444d', headerFill: '#f0f3f6' };

const STYLE = {
  title: { font: 'Helvetica-Bold', size: 16 },
  region: { font: 'Helvetica-Bold', size: 13 },
  lead: { font: 'Helvetica-Bold', size: 10.5 },
  urgent: { font: 'Helvetica-Bold', size: 10, color: COLOR.accent },
  signer: { font: 'Helvetica-Bold', size: 10 },
  meta: { font: 'Helvetica', size: 10, color: COLOR.muted },
  heading: { font: 'Helvetica-Bold', size: 12.5 },
  caption: { font: 'Helvetica-Bold', size: 9 },
  plain: { font: 'Helvetica', size: 10 },
  note: { font: 'Helvetica', size: 9, color: COLOR.note },
  empty: { font: 'Helvetica-Oblique', size: 9.5, color: COLOR.muted },
  cell: { font: 'Helvetica', size: 8.5 },
  headerCell: { font: 'Helvetica-Bold', size: 8.5 },
  codeCell: { font: 'Courier', size: 8 },
  detail: { font: 'Helvetica', size: 7.5, color: COLOR.muted },
  axis: { font: 'Helvetica', size: 7.5, color: COLOR.text },
  footer: { font: 'Helvetica', size: 8, color: COLOR.muted },
} satisfies Record<string, Style>;

const lineHeight = (style: Style): number => style.size * 1.25;

const CELL_PAD_X = 4;
const CELL_PAD_Y = 3;
/** A cell shows at most this many lines (its detail two more); longer text ends with "…". */
const CELL_MAX_LINES = 5;
const ELLIPSIS = '…';

/** Lays out and draws; `y` is the top of the next thing to draw on the current page. */
class PdfWriter {
  y: number;

  constructor(readonly doc: Doc) {
    this.y = doc.page.margins.top;
  }

  get left(): number {
    return this.doc.page.margins.left;
  }

  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  newPage(): void {
    this.doc.addPage();
    this.y = this.doc.page.margins.top;
  }

  /** A new page unless `height` more fits on this one (a page that is still empty is kept). */
  ensure(height: number): void {
    if (this.y + height > this.bottom && this.y > this.doc.page.margins.top) this.newPage();
  }

  use(style: Style): void {
    this.doc.font(style.font).fontSize(style.size).fillColor(style.color ?? COLOR.text);
  }

  measure(text: string, style: Style): number {
    this.use(style);
    return this.doc.widthOfString(winAnsiText(text));
  }

  /** One line with its top at `y`, aligned within `width` from `x`; never wraps, never adds a page. */
  line(text: string, x: number, y: number, style: Style, align: 'left' | 'right' | 'center' = 'left', width = 0): void {
    const safe = winAnsiText(text);
    if (safe === '') return;
    this.use(style);
    const measured = this.doc.widthOfString(safe);
    const at = align === 'right' ? x + width - measured : align === 'center' ? x + (width - measured) / 2 : x;
    this.doc.text(safe, at, y, { lineBreak: false });
  }

  /** `text` cut to fit `width`, ending with "…" when it was cut (or always, with `cut`). */
  truncate(text: string, width: number, style: Style, cut = false): string {
    const safe = winAnsiText(text);
    this.use(style);
    if (!cut && this.doc.widthOfString(safe) <= width) return safe;
    let low = 0;
    let high = safe.length;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (this.doc.widthOfString(safe.slice(0, middle).trimEnd() + ELLIPSIS) <= width) low = middle;
      else high = middle - 1;
    }
    return safe.slice(0, low).trimEnd() + ELLIPSIS;
  }

  /** The longest prefix of `word` (at least one character) that fits `width`; the font is set. */
  private fitting(word: string, width: number): number {
    let low = 1;
    let high = word.length;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (this.doc.widthOfString(word.slice(0, middle)) <= width) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  /** `text` in lines that fit `width`, at word breaks (a word too long for a line is split); at most `maxLines`, the last one ending in "…" when cut. */
  wrap(text: string, width: number, style: Style, maxLines = Number.POSITIVE_INFINITY): string[] {
    const words = winAnsiText(text).split(' ').filter((word) => word !== '');
    this.use(style);
    const lines: string[] = [];
    let current = '';
    for (const word of words) {
      if (lines.length > maxLines) break;
      const candidate = current === '' ? word : `${current} ${word}`;
      if (this.doc.widthOfString(candidate) <= width) {
        current = candidate;
        continue;
      }
      if (current !== '') lines.push(current);
      let rest = word;
      while (rest !== '' && this.doc.widthOfString(rest) > width && lines.length <= maxLines) {
        const cut = this.fitting(rest, width);
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      current = rest;
    }
    if (current !== '') lines.push(current);
    if (lines.length <= maxLines) return lines;
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = this.truncate(kept[maxLines - 1]!, width, style, true);
    return kept;
  }

  /** A horizontal rule across the text width at `y`. */
  rule(y: number, color: string = COLOR.grid): void {
    this.doc
      .lineWidth(0.75)
      .strokeColor(color)
      .moveTo(this.left, y)
      .lineTo(this.left + this.width, y)
      .stroke();
  }
}

// ---------------------------------------------------------------------------------------------
// Blocks

function drawTitle(writer: PdfWriter, content: ReportContent): void {
  for (const line of writer.wrap(content.title, writer.width, STYLE.title)) {
    writer.line(line, writer.left, writer.y, STYLE.title);
    writer.y += lineHeight(STYLE.title);
  }
  if (content.region) {
    for (const line of writer.wrap(content.region, writer.width, STYLE.region)) {
      writer.line(line, writer.left, writer.y, STYLE.region);
      writer.y += lineHeight(STYLE.region);
    }
  }
  writer.y += 4;
  for (const meta of content.meta) {
    for (const line of writer.wrap(meta, writer.width, STYLE.meta)) {
      writer.line(line, writer.left, writer.y, STYLE.meta);
      writer.y += lineHeight(STYLE.meta);
    }
  }
  writer.y += 6;
  writer.rule(writer.y, COLOR.text);
  writer.y += 6;
}

function drawHeading(writer: PdfWriter, heading: string, keep = 90): void {
  // Keep a heading with the start of what it heads.
  writer.ensure(lineHeight(STYLE.heading) + keep);
  if (writer.y > writer.doc.page.margins.top) writer.y += 12;
  for (const line of writer.wrap(heading, writer.width, STYLE.heading)) {
    writer.line(line, writer.left, writer.y, STYLE.heading);
    writer.y += lineHeight(STYLE.heading);
  }
  writer.rule(writer.y);
  writer.y += 7;
}

function drawParagraph(writer: PdfWriter, paragraph: Pick<ParagraphBlock, 'text' | 'style'>): void {
  const style = STYLE[paragraph.style];
  for (const line of writer.wrap(paragraph.text, writer.width, style)) {
    writer.ensure(lineHeight(style));
    writer.line(line, writer.left, writer.y, style);
    writer.y += lineHeight(style);
  }
  writer.y += 6;
}

/** A numbered list, each item's lines indented under its number. */
function drawList(writer: PdfWriter, list: ListBlock): void {
  const indent = 18;
  list.items.forEach((item, index) => {
    const style = item.urgent ? STYLE.urgent : STYLE.plain;
    const lines = writer.wrap(item.text, writer.width - indent, style);
    lines.forEach((line, lineIndex) => {
      writer.ensure(lineHeight(style));
      if (lineIndex === 0) writer.line(`${index + 1}.`, writer.left, writer.y, style);
      writer.line(line, writer.left + indent, writer.y, style);
      writer.y += lineHeight(style);
    });
    writer.y += 3;
  });
  writer.y += 4;
}

/** Place and date, title, room to sign, name (bold) and NIP, in the right half of the page. */
function drawSignature(writer: PdfWriter, block: SignatureBlock): void {
  const width = writer.width / 2;
  const x = writer.left + writer.width - width;
  const titleLines = block.title.split('\n').flatMap((part) => writer.wrap(part, width, STYLE.plain));
  const space = 56;
  writer.ensure((3 + titleLines.length) * lineHeight(STYLE.plain) + space + 20);
  writer.y += 14;
  const put = (text: string, style: (typeof STYLE)[keyof typeof STYLE]) => {
    writer.line(writer.truncate(text, width, style), x, writer.y, style);
    writer.y += lineHeight(style);
  };
  put(block.placeDate, STYLE.plain);
  for (const line of titleLines) put(line, STYLE.plain);
  writer.y += space;
  const nameWidth = Math.min(width, writer.measure(block.name, STYLE.signer));
  put(block.name, STYLE.signer);
  writer.doc.lineWidth(0.6).strokeColor(COLOR.text).moveTo(x, writer.y - 1.5).lineTo(x + nameWidth, writer.y - 1.5).stroke();
  put(block.nip, STYLE.plain);
}

interface LaidCell {
  lines: string[];
  style: Style;
  detail: string[];
  align: 'left' | 'right';
}

interface LaidRow {
  cells: LaidCell[];
  height: number;
}

/**
 * Column widths over the text width: every column gets its natural width when they all fit (the
 * room left goes to the text columns); otherwise the figures' headers may wrap between words, figures
 * keep their width, and the text columns share what remains, narrow ones keeping their natural width
 * and the wide ones splitting the rest evenly.
 */
function columnWidths(writer: PdfWriter, table: TableBlock): number[] {
  const total = writer.width;
  const numeric = (index: number): boolean => index >= table.numericFrom;
  const padded = (width: number): number => width + 2 * CELL_PAD_X + 1;
  const cells = table.headers.map((_header, index) =>
    Math.max(
      0,
      ...table.rows.map((row) => {
        const cell = row[index];
        if (!cell) return 0;
        const width = writer.measure(cell.text, cell.code ? STYLE.codeCell : STYLE.cell);
        return cell.detail ? Math.max(width, writer.measure(cell.detail, STYLE.detail)) : width;
      }),
    ),
  );
  const wide = table.headers.map((header, index) => padded(Math.max(writer.measure(header, STYLE.headerCell), cells[index]!)));
  const sum = (widths: readonly number[]): number => widths.reduce((a, b) => a + b, 0);
  const textColumns = wide.map((_width, index) => index).filter((index) => !numeric(index));
  if (sum(wide) <= total) {
    const receivers = textColumns.length > 0 ? textColumns : wide.map((_width, index) => index);
    const receiving = receivers.reduce((a, index) => a + wide[index]!, 0);
    return wide.map((width, index) => (receivers.includes(index) ? width + ((total - sum(wide)) * width) / receiving : width));
  }
  const natural = table.headers.map((header, index) =>
    numeric(index) ? padded(Math.max(cells[index]!, ...header.split(' ').map((word) => writer.measure(word, STYLE.headerCell)))) : wide[index]!,
  );
  const figures = natural.reduce((a, width, index) => (numeric(index) ? a + width : a), 0);
  const minimum = 48;
  if (textColumns.length === 0 || total - figures < minimum * textColumns.length) {
    return natural.map((width) => (width * total) / sum(natural));
  }
  const widths = [...natural];
  let remaining = total - figures;
  const open = [...textColumns].sort((a, b) => natural[a]! - natural[b]!);
  while (open.length > 0) {
    const share = remaining / open.length;
    const narrowest = open[0]!;
    if (natural[narrowest]! <= share) {
      remaining -= natural[narrowest]!;
      open.shift();
      continue;
    }
    for (const index of open) widths[index] = share;
    break;
  }
  return widths;
}

function layOutRow(writer: PdfWriter, cells: readonly Cell[], widths: readonly number[], numericFrom: number, header: boolean): LaidRow {
  const laid = widths.map((width, index): LaidCell => {
    const cell = cells[index] ?? { text: '' };
    const inner = Math.max(1, width - 2 * CELL_PAD_X);
    const align = index >= numericFrom ? 'right' : 'left';
    const style = header ? STYLE.headerCell : cell.code ? STYLE.codeCell : STYLE.cell;
    const lines = !header && align === 'right' ? [writer.truncate(cell.text, inner, style)] : writer.wrap(cell.text, inner, style, header ? 3 : CELL_MAX_LINES);
    const detail = cell.detail ? writer.wrap(cell.detail, inner, STYLE.detail, 2) : [];
    return { lines, style, detail, align };
  });
  const height = Math.max(
    ...laid.map((cell) => Math.max(1, cell.lines.length) * lineHeight(cell.style) + cell.detail.length * lineHeight(STYLE.detail)),
  );
  return { cells: laid, height: height + 2 * CELL_PAD_Y };
}

function drawRow(writer: PdfWriter, row: LaidRow, widths: readonly number[], header: boolean): void {
  const { doc } = writer;
  let x = writer.left;
  doc.lineWidth(0.5);
  row.cells.forEach((cell, index) => {
    const width = widths[index]!;
    if (header) doc.rect(x, writer.y, width, row.height).fillAndStroke(COLOR.headerFill, COLOR.grid);
    else doc.rect(x, writer.y, width, row.height).strokeColor(COLOR.grid).stroke();
    let y = writer.y + CELL_PAD_Y;
    for (const line of cell.lines) {
      writer.line(line, x + CELL_PAD_X, y, cell.style, cell.align, width - 2 * CELL_PAD_X);
      y += lineHeight(cell.style);
    }
    for (const line of cell.detail) {
      writer.line(line, x + CELL_PAD_X, y, STYLE.detail, cell.align, width - 2 * CELL_PAD_X);
      y += lineHeight(STYLE.detail);
    }
    x += width;
  });
  writer.y += row.height;
}

/** A table over as many pages as it needs, its header row repeated under a "lanjutan" caption on each. */
function drawTable(writer: PdfWriter, table: TableBlock, heading: string, continued: string): void {
  if (table.rows.length === 0) {
    drawParagraph(writer, { text: table.empty, style: 'empty' });
    return;
  }
  const widths = columnWidths(writer, table);
  const header = layOutRow(writer, table.headers.map((text) => ({ text })), widths, table.numericFrom, true);
  const rows = table.rows.map((row) => layOutRow(writer, row, widths, table.numericFrom, false));
  // Start on a new page rather than leave the header with one or two rows at the foot of this one.
  writer.ensure(header.height + rows.slice(0, 3).reduce((sum, row) => sum + row.height, 0));
  drawRow(writer, header, widths, true);
  for (const row of rows) {
    if (writer.y + row.height > writer.bottom) {
      writer.newPage();
      writer.line(`${heading} (${continued})`, writer.left, writer.y, STYLE.empty);
      writer.y += lineHeight(STYLE.empty) + 2;
      drawRow(writer, header, widths, true);
    }
    drawRow(writer, row, widths, false);
  }
  writer.y += 10;
}

function drawCaption(writer: PdfWriter, title: string): void {
  writer.line(title, writer.left, writer.y, STYLE.caption);
  writer.y += lineHeight(STYLE.caption) + 2;
}

/** One column per day over time, the largest value marked on the axis (the HTML's column chart). */
function drawColumnChart(writer: PdfWriter, chart: ChartBlock, lang: ReportLang): void {
  const { doc } = writer;
  const plotHeight = 140;
  const axisWidth = 44;
  writer.ensure(lineHeight(STYLE.caption) + 2 + plotHeight + 18);
  drawCaption(writer, chart.title);
  const top = writer.y + 4;
  const x0 = writer.left + axisWidth;
  const x1 = writer.left + writer.width;
  const baseline = top + plotHeight;
  const max = Math.max(1, ...chart.bars.map((bar) => bar.value));
  doc.save();
  doc.lineWidth(0.5).strokeColor(COLOR.grid).dash(2, { space: 2 }).moveTo(x0, top).lineTo(x1, top).stroke();
  doc.undash().moveTo(x0, baseline).lineTo(x1, baseline).stroke();
  doc.restore();
  const step = chart.bars.length === 0 ? 0 : (x1 - x0) / chart.bars.length;
  const barWidth = Math.max(0.5, step * 0.8);
  chart.bars.forEach((bar, index) => {
    const height = (bar.value / max) * plotHeight;
    if (height <= 0) return;
    const fill = chart.highlight?.has(bar.label) ? COLOR.accent : COLOR.bar;
    doc.rect(x0 + index * step, baseline - height, barWidth, height).fill(fill);
  });
  const axisLabelWidth = axisWidth - 6;
  writer.line(max.toLocaleString(lang === 'en' ? 'en-GB' : 'id-ID'), writer.left, top - STYLE.axis.size / 2, STYLE.axis, 'right', axisLabelWidth);
  writer.line('0', writer.left, baseline - STYLE.axis.size / 2, STYLE.axis, 'right', axisLabelWidth);
  const first = chart.bars[0] ? formatDayId(chart.bars[0].label, lang) : '';
  const last = chart.bars.length > 0 ? formatDayId(chart.bars[chart.bars.length - 1]!.label, lang) : '';
  writer.line(first, x0, baseline + 4, STYLE.axis);
  if (chart.bars.length > 1) writer.line(last, x0, baseline + 4, STYLE.axis, 'right', x1 - x0);
  writer.y = baseline + 4 + lineHeight(STYLE.axis) + 8;
}

/** One horizontal bar per category, largest first as given (the HTML's bar chart). */
function drawBarChart(writer: PdfWriter, chart: ChartBlock, lang: ReportLang): void {
  const { doc } = writer;
  const barHeight = 9;
  const labelWidth = Math.min(190, writer.width * 0.36);
  const valueWidth = 60;
  const span = writer.width - labelWidth - valueWidth;
  const max = Math.max(1, ...chart.bars.map((bar) => bar.value));
  const format = (value: number) => value.toLocaleString(lang === 'en' ? 'en-GB' : 'id-ID');
  // A long label takes a second line (then "…"), so agencies' full names mostly show whole.
  const rows = chart.bars.map((bar) => {
    const lines = writer.wrap(bar.label, labelWidth - 8, STYLE.cell, 2);
    return { bar, lines, height: Math.max(15, lines.length * lineHeight(STYLE.cell) + 4) };
  });
  writer.ensure(lineHeight(STYLE.caption) + 2 + rows.slice(0, 4).reduce((sum, row) => sum + row.height, 0));
  drawCaption(writer, chart.title);
  for (const { bar, lines, height } of rows) {
    writer.ensure(height);
    const middle = writer.y + height / 2;
    let textTop = middle - (lines.length * lineHeight(STYLE.cell)) / 2 + 1;
    for (const line of lines) {
      writer.line(line, writer.left, textTop, STYLE.cell, 'right', labelWidth - 8);
      textTop += lineHeight(STYLE.cell);
    }
    const length = Math.max(bar.value > 0 ? 1 : 0, (bar.value / max) * span);
    if (length > 0) doc.rect(writer.left + labelWidth, middle - barHeight / 2, length, barHeight).fill(COLOR.bar);
    writer.line(format(bar.value), writer.left + labelWidth + length + 4, middle - STYLE.cell.size / 2, STYLE.cell);
    writer.y += height;
  }
  writer.y += 8;
}

function drawBlock(writer: PdfWriter, block: ReportBlock, heading: string, content: ReportContent): void {
  switch (block.kind) {
    case 'table':
      drawTable(writer, block, heading, content.continued);
      return;
    case 'columns':
      drawColumnChart(writer, block, content.lang);
      return;
    case 'list':
      drawList(writer, block);
      return;
    case 'signature':
      drawSignature(writer, block);
      return;
    case 'bars':
      drawBarChart(writer, block, content.lang);
      return;
    case 'paragraph':
      drawParagraph(writer, block);
      return;
  }
}

/** "Halaman X dari Y" and the report's name at the foot of every page, once all pages exist. */
function drawFooters(writer: PdfWriter, content: ReportContent): void {
  const { doc } = writer;
  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index += 1) {
    doc.switchToPage(index);
    const y = doc.page.height - FOOTER_FROM_BOTTOM;
    writer.rule(y);
    const pageLabel = content.pageLabel(index + 1, range.count);
    const pageWidth = writer.measure(pageLabel, STYLE.footer);
    const name = writer.truncate(content.footer, writer.width - pageWidth - 16, STYLE.footer);
    writer.line(name, writer.left, y + 5, STYLE.footer);
    writer.line(pageLabel, writer.left, y + 5, STYLE.footer, 'right', writer.width);
  }
}

// ---------------------------------------------------------------------------------------------

/** The report as an A4 PDF in Indonesian (or English); the same report always gives the same bytes. */
export function renderReportPdf(report: EvaluationReport, lang: ReportLang = 'id'): Promise<Buffer> {
  const content = reportContent(report, lang);
  return new Promise<Buffer>((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margins: MARGINS,
      bufferPages: true,
      lang: lang === 'en' ? 'en-GB' : 'id-ID',
      displayTitle: true,
      info: {
        Title: content.documentTitle,
        Author: 'Penghubung',
        Subject: lang === 'en' ? 'SPLP monitoring and evaluation report for the head of region' : 'Laporan pemantauan dan evaluasi SPLP untuk kepala daerah',
        Creator: 'Penghubung',
        CreationDate: report.generatedAt,
        ModDate: report.generatedAt,
      },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);

    const writer = new PdfWriter(doc);
    drawTitle(writer, content);
    for (const section of content.sections) {
      // The signature block is never parted from its heading.
      drawHeading(writer, section.heading, section.blocks.some((block) => block.kind === 'signature') ? 180 : 90);
      for (const block of section.blocks) drawBlock(writer, block, section.heading, content);
    }
    drawFooters(writer, content);
    doc.end();
  });
}

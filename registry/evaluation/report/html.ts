/**
 * The monitoring-and-evaluation report as one self-contained HTML page for the Bupati/Wali Kota
 * (Indonesian, or English with `lang: 'en'`): the executive summary, the figures, tables with simple
 * charts, the misuse signals, a note on method and the signature block (what it says is decided in
 * content.ts, shared with the PDF). Every value from the log or the registry is escaped.
 */
import type { EvaluationReport } from './buildReport.ts';
import { columnChart, escapeHtml, horizontalBarChart, PALETTE } from './charts.ts';
import { formatDayId, reportContent } from './content.ts';
import type { Cell, ReportBlock, ReportLang, ReportSection, SignatureBlock, TableBlock } from './content.ts';

export { formatDateId } from './content.ts';

function cell(value: Cell): string {
  const body = value.code ? `<code>${escapeHtml(value.text)}</code>` : escapeHtml(value.text);
  return value.detail ? `${body}<br><small>${escapeHtml(value.detail)}</small>` : body;
}

function table({ headers, rows, numericFrom, empty }: TableBlock): string {
  if (rows.length === 0) return `<p class="empty">${escapeHtml(empty)}</p>`;
  const head = headers.map((header, index) => `<th${index >= numericFrom ? ' class="num"' : ''}>${escapeHtml(header)}</th>`).join('');
  const body = rows
    .map((row) => `<tr>${row.map((value, index) => `<td${index >= numericFrom ? ' class="num"' : ''}>${cell(value)}</td>`).join('')}</tr>`)
    .join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function signature(block: SignatureBlock): string {
  const lines = (value: string) => escapeHtml(value).replaceAll('\n', '<br>');
  return (
    `<div class="signature"><p>${escapeHtml(block.placeDate)}</p><p>${lines(block.title)}</p>` +
    `<div class="signature-space"></div><p class="signer">${escapeHtml(block.name)}</p><p>${escapeHtml(block.nip)}</p></div>`
  );
}

function block(value: ReportBlock, lang: ReportLang): string {
  const format = (number: number) => number.toLocaleString(lang === 'en' ? 'en-GB' : 'id-ID');
  switch (value.kind) {
    case 'table':
      return table(value);
    case 'columns':
      return columnChart(value.title, value.bars, { ...(value.highlight ? { highlight: value.highlight } : {}), dayLabel: (day) => formatDayId(day, lang), format });
    case 'bars':
      return horizontalBarChart(value.title, value.bars, format);
    case 'paragraph':
      return `<p${value.style === 'plain' ? '' : ` class="${value.style}"`}>${escapeHtml(value.text)}</p>`;
    case 'list':
      return `<ol>${value.items.map((item) => `<li${item.urgent ? ' class="urgent"' : ''}>${escapeHtml(item.text)}</li>`).join('')}</ol>`;
    case 'signature':
      return signature(value);
  }
}

const section = ({ heading, blocks }: ReportSection, lang: ReportLang): string =>
  `<section><h2>${escapeHtml(heading)}</h2>\n${blocks.map((value) => block(value, lang)).join('\n')}\n</section>`;

export function renderReportHtml(report: EvaluationReport, lang: ReportLang = 'id'): string {
  const content = reportContent(report, lang);
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(content.documentTitle)}</title>
<style>
  @page { size: A4; margin: 18mm 15mm; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 11pt; color: ${PALETTE.text}; max-width: 780px; margin: 0 auto; padding: 0 12px; }
  h1 { font-size: 17pt; margin-bottom: 2px; }
  .region { font-size: 14pt; font-weight: bold; margin: 0 0 6px; }
  h2 { font-size: 13pt; margin-top: 26px; border-bottom: 1px solid ${PALETTE.grid}; padding-bottom: 3px; page-break-after: avoid; }
  .meta { color: #57606a; margin-top: 0; }
  table { border-collapse: collapse; width: 100%; margin: 8px 0 12px; font-size: 9.5pt; page-break-inside: auto; }
  tr { page-break-inside: avoid; }
  th, td { border: 1px solid ${PALETTE.grid}; padding: 4px 6px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
  th { background: #f0f3f6; }
  td.num, th.num { text-align: right; white-space: nowrap; overflow-wrap: normal; }
  .lead { font-weight: bold; margin: 12px 0 4px; }
  ol { margin: 4px 0 8px; padding-left: 24px; }
  li { margin-bottom: 4px; }
  li.urgent { color: ${PALETTE.accent}; font-weight: bold; }
  figure { margin: 10px 0; page-break-inside: avoid; }
  figcaption { font-weight: bold; font-size: 9.5pt; margin-bottom: 4px; }
  .bar-grid { display: grid; grid-template-columns: minmax(0, 36%) minmax(0, 1fr); column-gap: 8px; row-gap: 3px; align-items: center; font-size: 9.5pt; }
  .bar-label { text-align: right; overflow-wrap: anywhere; }
  .bar-track { display: flex; align-items: center; gap: 4px; min-width: 0; }
  .bar { display: inline-block; height: 12px; background: ${PALETTE.bar}; flex: none; }
  .bar-value { white-space: nowrap; }
  .columns-body { display: flex; align-items: stretch; gap: 6px; }
  .columns-axis { display: flex; flex-direction: column; justify-content: space-between; text-align: right; font-size: 8.5pt; white-space: nowrap; }
  .columns-days { display: flex; justify-content: space-between; font-size: 8.5pt; margin-left: 40px; }
  .chart { display: block; flex: 1; min-width: 0; width: 100%; height: 180px; }
  .empty { color: #57606a; font-style: italic; }
  .note { font-size: 9.5pt; color: #3d444d; }
  .signature { margin: 24px 0 0 auto; width: 50%; min-width: 260px; page-break-inside: avoid; }
  .signature p { margin: 2px 0; }
  .signature-space { height: 64px; }
  .signer { font-weight: bold; text-decoration: underline; }
  code { font-size: 9pt; }
</style>
</head>
<body>
<header>
<h1>${escapeHtml(content.title)}</h1>
${content.region ? `<p class="region">${escapeHtml(content.region)}</p>\n` : ''}<p class="meta">${content.meta.map(escapeHtml).join('<br>')}</p>
</header>

${content.sections.map((value) => section(value, lang)).join('\n')}
</body>
</html>
`;
}

/**
 * The monitoring-and-evaluation report as one self-contained HTML page in Indonesian, for the
 * Bupati/Wali Kota: a summary, then tables with simple inline SVG bar charts, then the misuse signals
 * and a note on method (what it says is decided in content.ts, shared with the PDF). Every value from
 * the log or the registry is escaped.
 */
import type { EvaluationReport } from './buildReport.ts';
import { columnChart, escapeHtml, horizontalBarChart } from './charts.ts';
import { NO_DATA, reportContent } from './content.ts';
import type { Cell, ReportBlock, ReportSection, TableBlock } from './content.ts';

export { formatDateId } from './content.ts';

function cell(value: Cell): string {
  const body = value.code ? `<code>${escapeHtml(value.text)}</code>` : escapeHtml(value.text);
  return value.detail ? `${body}<br><small>${escapeHtml(value.detail)}</small>` : body;
}

function table({ headers, rows, numericFrom }: TableBlock): string {
  if (rows.length === 0) return `<p class="empty">${escapeHtml(NO_DATA)}</p>`;
  const head = headers.map((header, index) => `<th${index >= numericFrom ? ' class="num"' : ''}>${escapeHtml(header)}</th>`).join('');
  const body = rows
    .map((row) => `<tr>${row.map((value, index) => `<td${index >= numericFrom ? ' class="num"' : ''}>${cell(value)}</td>`).join('')}</tr>`)
    .join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function block(value: ReportBlock): string {
  switch (value.kind) {
    case 'table':
      return table(value);
    case 'columns':
      return columnChart(value.title, value.bars, value.highlight ? { highlight: value.highlight } : {});
    case 'bars':
      return horizontalBarChart(value.title, value.bars);
    case 'paragraph':
      return `<p${value.style === 'plain' ? '' : ` class="${value.style}"`}>${escapeHtml(value.text)}</p>`;
  }
}

const section = ({ heading, blocks }: ReportSection): string => `<h2>${escapeHtml(heading)}</h2>\n${blocks.map(block).join('\n')}\n`;

export function renderReportHtml(report: EvaluationReport): string {
  const content = reportContent(report);
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<title>${escapeHtml(content.documentTitle)}</title>
<style>
  @page { size: A4; margin: 18mm 15mm; }
  body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 11pt; color: #1b1f24; max-width: 780px; margin: 0 auto; }
  h1 { font-size: 17pt; margin-bottom: 4px; }
  h2 { font-size: 13pt; margin-top: 26px; border-bottom: 1px solid #d0d7de; padding-bottom: 3px; page-break-after: avoid; }
  .meta { color: #57606a; margin-top: 0; }
  table { border-collapse: collapse; width: 100%; margin: 8px 0 12px; font-size: 9.5pt; page-break-inside: auto; }
  tr { page-break-inside: avoid; }
  th, td { border: 1px solid #d0d7de; padding: 4px 6px; text-align: left; vertical-align: top; }
  th { background: #f0f3f6; }
  td.num, th.num { text-align: right; white-space: nowrap; }
  .chart { display: block; margin: 8px 0; max-width: 100%; height: auto; }
  .empty { color: #57606a; font-style: italic; }
  .note { font-size: 9.5pt; color: #3d444d; }
  code { font-size: 9pt; }
</style>
</head>
<body>
<header>
<h1>${escapeHtml(content.title)}</h1>
<p class="meta">${content.meta.map(escapeHtml).join('<br>')}</p>
</header>

${content.sections.map(section).join('\n')}</body>
</html>
`;
}

/**
 * Small inline SVG charts for the HTML report: no script, no external resource, so the page prints
 * from a browser as it is and opens offline. Every label is escaped. The PDF draws the same charts
 * with pdfkit (pdf.ts), in the same colours.
 */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

export const formatNumber = (value: number): string => value.toLocaleString('id-ID');

export interface Bar {
  label: string;
  value: number;
}

/** The report's colours, shared by the SVG charts and the PDF. */
export const PALETTE = { bar: '#1f5f99', accent: '#c0392b', grid: '#d0d7de', text: '#1b1f24' };

/** Horizontal bars, one per category, largest first as given. */
export function horizontalBarChart(title: string, bars: readonly Bar[], options: { width?: number } = {}): string {
  const width = options.width ?? 720;
  const labelWidth = 240;
  const valueWidth = 90;
  const rowHeight = 22;
  const top = 8;
  const height = top + bars.length * rowHeight + 8;
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const span = width - labelWidth - valueWidth;
  const rows = bars
    .map((bar, index) => {
      const y = top + index * rowHeight;
      const length = Math.max(bar.value > 0 ? 1 : 0, Math.round((bar.value / max) * span));
      const label = bar.label.length > 38 ? `${bar.label.slice(0, 37)}…` : bar.label;
      return (
        `<text x="${labelWidth - 6}" y="${y + 15}" text-anchor="end" font-size="11" fill="${PALETTE.text}">${escapeHtml(label)}</text>` +
        `<rect x="${labelWidth}" y="${y + 4}" width="${length}" height="${rowHeight - 8}" fill="${PALETTE.bar}"><title>${escapeHtml(bar.label)}: ${formatNumber(bar.value)}</title></rect>` +
        `<text x="${labelWidth + length + 4}" y="${y + 15}" font-size="11" fill="${PALETTE.text}">${formatNumber(bar.value)}</text>`
      );
    })
    .join('');
  return `<svg class="chart" role="img" aria-label="${escapeHtml(title)}" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${rows}</svg>`;
}

/** Columns over time (one per day), with the largest value marked on the axis. */
export function columnChart(title: string, bars: readonly Bar[], options: { width?: number; height?: number; highlight?: ReadonlySet<string> } = {}): string {
  const width = options.width ?? 720;
  const height = options.height ?? 200;
  const left = 60;
  const bottom = 24;
  const top = 10;
  const plotHeight = height - top - bottom;
  const plotWidth = width - left - 10;
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const step = bars.length === 0 ? plotWidth : plotWidth / bars.length;
  const barWidth = Math.max(1, step * 0.8);
  const columns = bars
    .map((bar, index) => {
      const h = Math.round((bar.value / max) * plotHeight);
      const x = left + index * step;
      const fill = options.highlight?.has(bar.label) ? PALETTE.accent : PALETTE.bar;
      return `<rect x="${x.toFixed(1)}" y="${top + plotHeight - h}" width="${barWidth.toFixed(1)}" height="${h}" fill="${fill}"><title>${escapeHtml(bar.label)}: ${formatNumber(bar.value)}</title></rect>`;
    })
    .join('');
  const first = bars[0]?.label ?? '';
  const last = bars[bars.length - 1]?.label ?? '';
  const axis =
    `<line x1="${left}" y1="${top + plotHeight}" x2="${width - 10}" y2="${top + plotHeight}" stroke="${PALETTE.grid}"/>` +
    `<line x1="${left}" y1="${top}" x2="${width - 10}" y2="${top}" stroke="${PALETTE.grid}" stroke-dasharray="3,3"/>` +
    `<text x="${left - 6}" y="${top + 4}" text-anchor="end" font-size="10" fill="${PALETTE.text}">${formatNumber(max)}</text>` +
    `<text x="${left - 6}" y="${top + plotHeight}" text-anchor="end" font-size="10" fill="${PALETTE.text}">0</text>` +
    `<text x="${left}" y="${height - 6}" font-size="10" fill="${PALETTE.text}">${escapeHtml(first)}</text>` +
    `<text x="${width - 10}" y="${height - 6}" text-anchor="end" font-size="10" fill="${PALETTE.text}">${escapeHtml(last)}</text>`;
  return `<svg class="chart" role="img" aria-label="${escapeHtml(title)}" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${axis}${columns}</svg>`;
}

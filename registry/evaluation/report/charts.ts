/**
 * Small charts for the HTML report: no script, no external resource, so the page prints from a
 * browser as it is and opens offline. Every label is escaped, and every label is HTML text beside the
 * graphics (never SVG text), so it wraps rather than being clipped. The PDF draws the same charts
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

/**
 * Horizontal bars, one per category, largest first as given. Labels and values are HTML text in a
 * grid, not SVG text: the browser wraps a long label onto more lines instead of clipping it, whatever
 * font it has. Bars print in colour (`print-color-adjust`, in html.ts's style sheet).
 */
export function horizontalBarChart(title: string, bars: readonly Bar[], format: (value: number) => string = formatNumber): string {
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const rows = bars
    .map((bar) => {
      // 85% of the track at most, so the value beside the longest bar stays inside the chart.
      const share = bar.value <= 0 ? 0 : Math.max(0.5, (bar.value / max) * 85);
      return (
        `<div class="bar-label">${escapeHtml(bar.label)}</div>` +
        `<div class="bar-track"><span class="bar" style="width:${share.toFixed(1)}%"></span><span class="bar-value">${format(bar.value)}</span></div>`
      );
    })
    .join('');
  return `<figure class="bars" role="img" aria-label="${escapeHtml(title)}"><figcaption>${escapeHtml(title)}</figcaption><div class="bar-grid">${rows}</div></figure>`;
}

/**
 * Columns over time (one per day), in an SVG without text; the largest value and the first and last
 * day are HTML around it, so no label can be cut by the SVG's box.
 */
export function columnChart(title: string, bars: readonly Bar[], options: { width?: number; height?: number; highlight?: ReadonlySet<string>; dayLabel?: (day: string) => string; format?: (value: number) => string } = {}): string {
  const format = options.format ?? formatNumber;
  const width = options.width ?? 720;
  const height = options.height ?? 180;
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const step = bars.length === 0 ? width : width / bars.length;
  const barWidth = Math.max(1, step * 0.8);
  const columns = bars
    .map((bar, index) => {
      const h = Math.round((bar.value / max) * (height - 2));
      const fill = options.highlight?.has(bar.label) ? PALETTE.accent : PALETTE.bar;
      return `<rect x="${(index * step).toFixed(1)}" y="${height - h}" width="${barWidth.toFixed(1)}" height="${h}" fill="${fill}"><title>${escapeHtml(bar.label)}: ${format(bar.value)}</title></rect>`;
    })
    .join('');
  const day = options.dayLabel ?? ((value: string) => value);
  const first = bars[0]?.label ?? '';
  const last = bars[bars.length - 1]?.label ?? '';
  const svg =
    `<svg class="chart" role="img" aria-label="${escapeHtml(title)}" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" preserveAspectRatio="none">` +
    `<line x1="0" y1="1" x2="${width}" y2="1" stroke="${PALETTE.grid}" stroke-dasharray="3,3"/>` +
    `<line x1="0" y1="${height - 0.5}" x2="${width}" y2="${height - 0.5}" stroke="${PALETTE.grid}"/>${columns}</svg>`;
  return (
    `<figure class="columns"><figcaption>${escapeHtml(title)}</figcaption>` +
    `<div class="columns-body"><div class="columns-axis"><span>${format(max)}</span><span>0</span></div>${svg}</div>` +
    `<div class="columns-days"><span>${escapeHtml(day(first))}</span><span>${bars.length > 1 ? escapeHtml(day(last)) : ''}</span></div></figure>`
  );
}

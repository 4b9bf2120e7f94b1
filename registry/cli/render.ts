/** How the CLI prints results for people: Indonesian by default, English with `--lang en`. */
import type { PublishReport } from '../publishing/report.ts';
import type { RegistryErrorBody } from './client.ts';

export type Lang = 'id' | 'en';

/** Non-breaking changes listed one by one; the rest are counted (a first version adds everything). */
const MAX_OTHER_CHANGES = 12;

export const say = (lang: Lang, id: string, en: string): string => (lang === 'en' ? en : id);

/** A check report, readable: composition per graph, breaking changes, protected fields, other changes. */
export function renderReport(report: PublishReport, lang: Lang, options: { summary?: boolean } = {}): string {
  const lines: string[] = [];
  if (options.summary !== false) lines.push(lang === 'en' ? report.summary.en : report.summary.id, '');

  if (report.composition.length > 0) {
    lines.push(say(lang, 'Komposisi graf:', 'Graph composition:'));
    for (const entry of report.composition) {
      const mark = entry.ok ? 'OK   ' : say(lang, 'GAGAL', 'FAIL ');
      const note = entry.leaving ? say(lang, ' (tanpa subgraph ini)', ' (without this subgraph)') : '';
      lines.push(`  [${mark}] ${entry.graph}${note}`);
      for (const error of entry.errors) lines.push(`      - ${error.code}: ${error.message}`);
    }
  }

  if (report.routing?.changed) {
    lines.push('', say(lang, `URL routing berubah: ${report.routing.previousUrl} → ${report.routing.url}`, `Routing URL changed: ${report.routing.previousUrl} → ${report.routing.url}`));
  }
  if (report.crossAgency?.length) {
    lines.push('', say(lang, 'Perubahan lintas PD (menunggu persetujuan PD pemilik):', 'Cross-agency change (awaiting the owners’ consent):'));
    for (const reach of report.crossAgency) lines.push(`  - ${say(lang, reach.message.id, reach.message.en)}`);
  }

  const breaking = report.changes.filter((change) => change.criticality === 'BREAKING');
  if (breaking.length > 0) {
    lines.push('', say(lang, 'Perubahan yang memutus kompatibilitas:', 'Breaking changes:'));
    for (const change of breaking) lines.push(`  - ${lang === 'en' ? change.message : change.messageId}`);
  }

  if (report.protectedViolations.length > 0) {
    lines.push(
      '',
      say(
        lang,
        'Field yang dilindungi (ada pemberian akses atau lalu lintas):',
        'Protected fields (granted or recently used):',
      ),
    );
    for (const violation of report.protectedViolations) {
      lines.push(
        `  - ${violation.coordinate}: ${lang === 'en' ? violation.message.en : violation.message.id}`,
      );
      if (violation.requesters.length > 0) {
        lines.push(
          `      ${say(lang, 'Pemohon terdampak', 'Affected requesters')}: ${violation.requesters.join(', ')}`,
        );
      }
    }
  }

  const others = report.changes.filter((change) => change.criticality !== 'BREAKING');
  if (others.length > 0) {
    lines.push('', say(lang, 'Perubahan lain:', 'Other changes:'));
    for (const change of others.slice(0, MAX_OTHER_CHANGES)) {
      const level =
        change.criticality === 'DANGEROUS' ? say(lang, 'berisiko', 'dangerous') : say(lang, 'aman', 'safe');
      lines.push(`  - [${level}] ${lang === 'en' ? change.message : change.messageId}`);
    }
    const hidden = others.length - MAX_OTHER_CHANGES;
    if (hidden > 0) {
      lines.push(
        `  … ${say(lang, `dan ${hidden} perubahan aman/berisiko lainnya (lihat --json)`, `and ${hidden} more safe/dangerous changes (see --json)`)}`,
      );
    }
  }
  if (report.override) {
    lines.push(
      '',
      `${say(lang, 'Dikecualikan oleh', 'Overridden by')} ${report.override.actor}: ${report.override.reason}`,
    );
  }
  return lines.join('\n');
}

function isReport(value: unknown): value is PublishReport {
  return (
    typeof value === 'object' &&
    value !== null &&
    'composition' in value &&
    'changes' in value &&
    'summary' in value
  );
}

/** An error answer of the registry: its message, invalid fields, and the check report if there is one. */
export function renderRegistryError(status: number, body: RegistryErrorBody, lang: Lang): string {
  const lines = [
    `${say(lang, 'Ditolak', 'Refused')} (HTTP ${status}, ${body.code}): ${lang === 'en' ? body.messageEn : body.message}`,
  ];
  const details = body.details as {
    report?: unknown;
    fields?: { path: string; message: string; messageEn?: string }[];
    errors?: { message: string }[];
  } | null;
  if (details && Array.isArray(details.fields)) {
    for (const field of details.fields) lines.push(`  - ${field.path}: ${lang === 'en' ? (field.messageEn ?? field.message) : field.message}`);
  }
  if (details && Array.isArray(details.errors)) {
    for (const error of details.errors) lines.push(`  - ${error.message}`);
  }
  if (details && isReport(details.report)) {
    lines.push('', renderReport(details.report, lang, { summary: false }));
  }
  return lines.join('\n');
}

/** Rows under headers, each column as wide as its widest cell; an empty list says so instead. */
export function renderTable(headers: string[], rows: string[][], empty: string): string {
  if (rows.length === 0) return empty;
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
  return [line(headers), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

/** An instant as WIB wall-clock time, the zone every Indonesian reader of the output expects. */
export function wibTime(iso: string | null | undefined): string {
  if (!iso) return '-';
  return `${new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')} WIB`;
}

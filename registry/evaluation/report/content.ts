/**
 * What the monitoring-and-evaluation report says, decided once for both renderers: the headings, the
 * executive summary, the tables (as plain-text cells), the charts' bars, the notes and the signature
 * block, in Indonesian (or English with `lang: 'en'`). html.ts turns it into one HTML page, pdf.ts into
 * an A4 PDF; neither chooses a figure or a word of its own, so the two always show the same report.
 * Nothing here is escaped: each renderer makes the text safe for its own format.
 *
 * The report is read by a head of region's staff, not by engineers: fields are named by the
 * directory's descriptions, a subgraph is "the service of" its agency, and latency percentiles are
 * "typical response time" (the median) and "95 of 100 requests answered within".
 */
import type { GroupRow } from '../../repositories/AccessLogRepository.ts';
import type { EvaluationReport, Refusals } from './buildReport.ts';
import { WIB_OFFSET_MS } from '../range.ts';
import { formatNumber } from './charts.ts';
import type { Bar } from './charts.ts';
import { findingsOf } from './findings.ts';
import type { Finding } from './findings.ts';
import { fieldLabel, fieldOwnerType } from './labels.ts';

export type ReportLang = 'id' | 'en';

const MONTHS = {
  id: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** `1 Maret 2025` (WIB); `1 March 2025` in English. */
export function formatDateId(instant: Date, lang: ReportLang = 'id'): string {
  const wib = new Date(instant.getTime() + WIB_OFFSET_MS);
  return `${wib.getUTCDate()} ${MONTHS[lang][wib.getUTCMonth()]} ${wib.getUTCFullYear()}`;
}

/** `2025-03-01` → `1 Maret 2025`. */
export function formatDayId(day: string, lang: ReportLang = 'id'): string {
  const [year, month, date] = day.split('-').map(Number);
  return `${date} ${MONTHS[lang][(month ?? 1) - 1]} ${year}`;
}

/** `1 Maret 2025 pukul 08.30 WIB`; `1 March 2025 at 08:30 WIB`. */
export function formatDateTimeId(instant: Date, lang: ReportLang = 'id'): string {
  const wib = new Date(instant.getTime() + WIB_OFFSET_MS);
  const time = wib.toISOString().slice(11, 16);
  return lang === 'en' ? `${formatDateId(instant, lang)} at ${time} WIB` : `${formatDateId(instant)} pukul ${time.replace(':', '.')} WIB`;
}

/** The report's period as people read it: `1 Februari 2025 – 14 Februari 2025` (`to` is exclusive). */
export function formatPeriodId(from: Date, to: Date, lang: ReportLang = 'id'): string {
  return `${formatDateId(from, lang)} – ${formatDateId(new Date(to.getTime() - 1), lang)}`;
}

/** Said wherever a table or chart has nothing to show. */
export const NO_DATA = 'Tidak ada data pada periode ini.';
const NO_DATA_EN = 'No data in this period.';

export interface Cell {
  text: string;
  /** An identifier: shown in a monospaced font. */
  code?: boolean;
  /** A second, smaller line under the text (the client's organization, whose data a field is). */
  detail?: string;
}

export interface TableBlock {
  kind: 'table';
  headers: readonly string[];
  rows: Cell[][];
  /** Columns from this index on are figures: right-aligned, never wrapped. */
  numericFrom: number;
  /** What to say when there are no rows. */
  empty: string;
}

export interface ChartBlock {
  /** `columns`: one column per day, over time; `bars`: one horizontal bar per category, as given. */
  kind: 'columns' | 'bars';
  title: string;
  bars: Bar[];
  /** Labels whose bar is drawn in the accent colour (days with a misuse signal). */
  highlight?: ReadonlySet<string>;
}

export interface ParagraphBlock {
  kind: 'paragraph';
  text: string;
  /** `note`: smaller explanatory text; `empty`: the "no data" remark; `lead`: a bold line introducing a list. */
  style: 'plain' | 'note' | 'empty' | 'lead';
}

/** A numbered list; `urgent` items are drawn in the accent colour. */
export interface ListBlock {
  kind: 'list';
  items: { text: string; urgent?: boolean }[];
}

/** Place and date, the official's title, room to sign, name and NIP. */
export interface SignatureBlock {
  kind: 'signature';
  /** `Pacitan, 1 April 2025`. */
  placeDate: string;
  /** The official's title, possibly several lines. */
  title: string;
  name: string;
  /** `NIP 19…`. */
  nip: string;
}

export type ReportBlock = TableBlock | ChartBlock | ParagraphBlock | ListBlock | SignatureBlock;

export interface ReportSection {
  heading: string;
  blocks: ReportBlock[];
}

export interface ReportContent {
  lang: ReportLang;
  title: string;
  /** The region under the title (`Kabupaten Pacitan`), '' when not configured. */
  region: string;
  /** The document's title (HTML `<title>`, PDF metadata). */
  documentTitle: string;
  /** Lines under the title: addressee, period, when and by whom it was drawn up. */
  meta: string[];
  period: string;
  /** The footer's name of the report. */
  footer: string;
  /** "Halaman X dari Y" / "Page X of Y". */
  pageLabel: (page: number, pages: number) => string;
  /** Caption of a table continued on a new page. */
  continued: string;
  noData: string;
  sections: ReportSection[];
}

const SIGNAL_KIND: Record<ReportLang, Record<string, string>> = {
  id: { volume: 'Lonjakan volume', denied: 'Percobaan akses ditolak', offHours: 'Akses di luar jam kerja', quota: 'Melampaui kuota' },
  en: { volume: 'Volume spike', denied: 'Refused access attempts', offHours: 'Access outside working hours', quota: 'Over quota' },
};

const CLASSIFICATION: Record<ReportLang, Record<string, string>> = {
  id: { publik: 'Publik', terbatas: 'Terbatas', rahasia: 'Rahasia' },
  en: { publik: 'Public', terbatas: 'Restricted', rahasia: 'Confidential' },
};

/** Blank lines of the signature block when the official is not configured. */
const BLANK = '...............................';

const text = (value: string): Cell => ({ text: value });

function table(headers: readonly string[], rows: Cell[][], empty: string, numericFrom = 1): TableBlock {
  return { kind: 'table', headers, rows, numericFrom, empty };
}

export function reportContent(report: EvaluationReport, lang: ReportLang = 'id'): ReportContent {
  const t = (id: string, en: string): string => (lang === 'en' ? en : id);
  const num = (value: number): string => (lang === 'en' ? value.toLocaleString('en-GB') : formatNumber(value));
  const ms = (value: number | null): string =>
    value === null ? '–' : value >= 1000 ? `${(value / 1000).toLocaleString(lang === 'en' ? 'en-GB' : 'id-ID', { maximumFractionDigits: 1 })} ${t('detik', 's')}` : `${Math.round(value).toLocaleString(lang === 'en' ? 'en-GB' : 'id-ID')} ms`;
  const pct = (part: number, whole: number): string =>
    whole === 0 ? '–' : `${((part / whole) * 100).toLocaleString(lang === 'en' ? 'en-GB' : 'id-ID', { maximumFractionDigits: 2 })}%`;
  const noData = t(NO_DATA, NO_DATA_EN);
  const empty: ParagraphBlock = { kind: 'paragraph', text: noData, style: 'empty' };
  const label = (row: GroupRow, fallback: string): string => row.label ?? row.key ?? fallback;
  const clientLabel = (row: GroupRow): string => (row.key === null ? t('Tanpa kredensial sah', 'Without a valid credential') : label(row, '-'));
  const bars = (title: string, rows: readonly GroupRow[], labelOf: (row: GroupRow) => string): ChartBlock[] =>
    rows.length === 0 ? [] : [{ kind: 'bars', title, bars: rows.map((row) => ({ label: labelOf(row), value: row.requests })) }];
  const serviceOf = (subgraph: string | null): string => {
    const agency = report.subgraphAgencies[subgraph ?? ''];
    return agency ? t(`Layanan ${agency}`, `Service of ${agency}`) : (subgraph ?? '-');
  };

  const { totals, refusals, settings } = report;
  const period = formatPeriodId(report.from, report.to, lang);
  const previousPeriod = formatPeriodId(report.previous.from, report.previous.to, lang);
  const region = settings.region ?? '';
  const head = settings.head ?? t('Bupati/Wali Kota', 'the Regent/Mayor');
  const signalDays = new Set(report.signals.map((signal) => signal.day));
  const busiest = [...report.days].sort((a, b) => b.requests - a.requests)[0];
  const served = totals.requests - totals.denied - totals.errors - totals.unauthenticated;

  // 1. Executive summary: what happened, what was found, what to do.
  const findings: Finding[] = findingsOf(report);
  const overview =
    totals.requests === 0
      ? t(
          `Selama ${period} tidak ada permintaan data melalui SPLP${region ? ` ${region}` : ''}.`,
          `From ${period} there were no data requests through the SPLP${region ? ` of ${region}` : ''}.`,
        )
      : t(
          `Selama ${period}, ${num(totals.clients)} aplikasi mengajukan ${num(totals.requests)} permintaan data melalui SPLP${region ? ` ${region}` : ''} ` +
            `(periode sebelumnya: ${num(report.previous.totals.requests)}). ${pct(Math.max(0, served), totals.requests)} terlayani, ` +
            `${num(refusals.access)} ditolak karena tidak memiliki hak akses, ${num(refusals.quota)} ditolak karena kuota harian habis, ` +
            `dan ${num(totals.errors)} gagal karena gangguan layanan. Waktu tanggap tipikal ${ms(totals.p50Ms)}.`,
          `From ${period}, ${num(totals.clients)} applications made ${num(totals.requests)} data requests through the SPLP${region ? ` of ${region}` : ''} ` +
            `(previous period: ${num(report.previous.totals.requests)}). ${pct(Math.max(0, served), totals.requests)} were served, ` +
            `${num(refusals.access)} were refused for lack of access rights, ${num(refusals.quota)} because the daily quota was used up, ` +
            `and ${num(totals.errors)} failed on a service fault. Typical response time ${ms(totals.p50Ms)}.`,
        );
  const integrityLine = report.integrity.ok
    ? t(
        `Log akses periode ini utuh: ${num(report.integrity.checked)} catatan diperiksa dan rantai hash-nya tersambung.`,
        `The access log of this period is intact: ${num(report.integrity.checked)} records checked, their hash chain unbroken.`,
      )
    : t('Log akses periode ini TIDAK utuh (lihat temuan).', 'The access log of this period is NOT intact (see the findings).');
  const summaryBlocks: ReportBlock[] = [
    { kind: 'paragraph', style: 'plain', text: overview },
    { kind: 'paragraph', style: 'plain', text: integrityLine },
    { kind: 'paragraph', style: 'lead', text: t('Temuan', 'Findings') },
  ];
  if (findings.length === 0) {
    summaryBlocks.push(
      {
        kind: 'list',
        items: [
          {
            text: t(
              'Tidak ada temuan yang memerlukan tindakan: log akses utuh, tidak ada aplikasi yang melewati kuota, penolakan akses tidak meningkat tajam, dan tidak ada sinyal potensi penyalahgunaan.',
              'No finding calls for action: the access log is intact, no application went past its quota, refusals did not rise sharply, and there are no possible-misuse signals.',
            ),
          },
        ],
      },
      { kind: 'paragraph', style: 'lead', text: t('Rekomendasi', 'Recommendations') },
      { kind: 'list', items: [{ text: t('Lanjutkan pemantauan rutin pada periode berikutnya.', 'Continue routine monitoring in the next period.') }] },
    );
  } else {
    summaryBlocks.push(
      { kind: 'list', items: findings.map((finding) => ({ text: finding.finding[lang], urgent: finding.level === 'urgent' })) },
      { kind: 'paragraph', style: 'lead', text: t('Rekomendasi', 'Recommendations') },
      { kind: 'list', items: findings.map((finding) => ({ text: finding.recommendation[lang], urgent: finding.level === 'urgent' })) },
    );
  }

  // 2. The figures.
  const figures = table(
    [t('Indikator', 'Indicator'), t('Periode ini', 'This period'), t('Periode sebelumnya', 'Previous period')],
    (
      [
        [t('Jumlah permintaan', 'Requests'), totals.requests, report.previous.totals.requests],
        [t('Data yang dilayani (jumlah isian data)', 'Data served (data items)'), totals.fieldAccesses, report.previous.totals.fieldAccesses],
        [t('Ditolak: tidak memiliki hak akses', 'Refused: no access rights'), refusals.access, report.previous.refusals.access],
        [t('Ditolak: kuota harian habis', 'Refused: daily quota used up'), refusals.quota, report.previous.refusals.quota],
        [t('Ditolak: terlalu sering atau terlalu besar', 'Refused: too frequent or too large'), refusals.rate + refusals.limits, report.previous.refusals.rate + report.previous.refusals.limits],
        [t('Gagal karena gangguan layanan', 'Failed on a service fault'), totals.errors, report.previous.totals.errors],
        [t('Terlayani sebagian', 'Partly served'), totals.partial, report.previous.totals.partial],
        [t('Tanpa kredensial sah', 'Without a valid credential'), totals.unauthenticated, report.previous.totals.unauthenticated],
        [t('Aplikasi klien aktif', 'Active client applications'), totals.clients, report.previous.totals.clients],
      ] as const
    )
      .map(([name, now, before]) => [name, num(now), num(before)])
      .concat([
        [t('Waktu tanggap tipikal', 'Typical response time'), ms(totals.p50Ms), ms(report.previous.totals.p50Ms)],
        [t('95 dari 100 permintaan dijawab dalam', '95 of 100 requests answered within'), ms(totals.p95Ms), ms(report.previous.totals.p95Ms)],
        [t('Sinyal potensi penyalahgunaan', 'Possible-misuse signals'), num(report.signals.length), '–'],
      ])
      .map((row) => row.map(text)),
    noData,
  );

  const daily: ReportBlock[] =
    report.days.length === 0
      ? [empty]
      : [{ kind: 'columns', title: t('Permintaan harian', 'Requests per day'), bars: report.days.map((row) => ({ label: row.key ?? '', value: row.requests })), highlight: signalDays }];
  if (busiest) {
    daily.push({
      kind: 'paragraph',
      style: 'plain',
      text:
        t(
          `Hari tersibuk: ${formatDayId(busiest.key ?? '')} dengan ${num(busiest.requests)} permintaan.`,
          `Busiest day: ${formatDayId(busiest.key ?? '', lang)} with ${num(busiest.requests)} requests.`,
        ) + (signalDays.size > 0 ? t(' Batang merah menandai hari dengan sinyal potensi penyalahgunaan.', ' Red columns mark days with a possible-misuse signal.') : ''),
    });
  }

  const agencyRows = report.agencies.map((row) =>
    [label(row, '-'), num(row.requests), num(row.fieldAccesses ?? 0), num(row.denied ?? 0), num(row.errors ?? 0), num(row.clients ?? 0), ms(row.p50Ms)].map(text),
  );

  const refusalsOf = (row: GroupRow): Refusals => report.clientRefusals[row.key ?? ''] ?? { access: row.denied ?? 0, quota: 0, rate: 0, limits: 0 };
  const clientRows = report.clients.map((row) => {
    const own = refusalsOf(row);
    return [clientLabel(row), num(row.requests), num(row.fieldAccesses ?? 0), num(own.access), num(own.quota), num(row.errors ?? 0), ms(row.p50Ms)].map(text);
  });

  const fieldRows = report.fields.map((row) => {
    const name = fieldLabel(row)[lang];
    return [
      { text: name, detail: fieldOwnerType(row.key)[lang] },
      text(row.agencyNames.join(', ') || row.agency || '-'),
      text(CLASSIFICATION[lang][row.classification ?? ''] ?? row.classification ?? '-'),
      text(row.personalData ? t('Ya', 'Yes') : t('Tidak', 'No')),
      text(num(row.requests)),
      text(num(row.denied ?? 0)),
      text(num(row.clients ?? 0)),
    ];
  });

  const operationRows = report.operations.map((row) =>
    [row.label ?? t('(tanpa nama)', '(unnamed)'), num(row.requests), num(row.clients ?? 0), num(row.denied ?? 0), ms(row.p50Ms)].map(text),
  );

  const serviceRows = report.subgraphs.map((row) =>
    [serviceOf(row.key), num(row.requests), num(row.errors ?? 0), pct(row.errors ?? 0, row.requests), ms(row.p50Ms), ms(row.p95Ms)].map(text),
  );

  /** A signal's description in the report's words: the field by its description, "nilai tengah" for the median. */
  const signalText = (signal: EvaluationReport['signals'][number]): string => {
    const coordinate = signal.evidence['coordinate'];
    if (signal.kind === 'quota' && typeof coordinate === 'string') {
      const name = fieldLabel({ key: coordinate, description: report.fieldDescriptions[coordinate] ?? '' })[lang];
      const requests = num(Number(signal.evidence['requests'] ?? 0));
      const quota = num(Number(signal.evidence['quotaPerDay'] ?? 0));
      return t(`Kuota harian terlampaui: ${requests} permintaan data "${name}", kuota ${quota} per hari.`, `Daily quota exceeded: ${requests} requests for "${name}", quota ${quota} a day.`);
    }
    return lang === 'en' ? signal.messageEn.replaceAll('the median of', 'the middle value of') : signal.message.replaceAll('median', 'nilai tengah');
  };
  const signalRows = report.signals.map((signal) => [
    text(formatDayId(signal.day, lang)),
    { text: signal.client ?? signal.clientId, ...(signal.organization ? { detail: signal.organization } : {}) },
    text(SIGNAL_KIND[lang][signal.kind] ?? signal.kind),
    text(signalText(signal)),
  ]);

  const signer = settings.signer ?? {};
  const signature: SignatureBlock = {
    kind: 'signature',
    placeDate: `${settings.place ?? BLANK}, ${formatDateId(report.generatedAt, lang)}`,
    title: signer.title ?? t('Kepala Dinas Komunikasi dan Informatika', 'Head of the Communication and Informatics Office'),
    name: signer.name ?? BLANK,
    nip: `NIP ${signer.nip ?? BLANK}`,
  };

  const title = t('Laporan Pemantauan dan Evaluasi Sistem Penghubung Layanan Pemerintah (SPLP)', 'Monitoring and Evaluation Report of the Government Service Bus (SPLP)');
  return {
    lang,
    title,
    region,
    documentTitle: `${t('Laporan Pemantauan dan Evaluasi SPLP', 'SPLP Monitoring and Evaluation Report')}${region ? ` ${region}` : ''} — ${period}`,
    meta: [
      t(`Kepada Yth. ${head}`, `To ${head}`),
      t(`Periode: ${period} (dibandingkan dengan ${previousPeriod})`, `Period: ${period} (compared with ${previousPeriod})`),
      t(`Disusun: ${formatDateTimeId(report.generatedAt)} oleh Dinas Kominfo (Penghubung)`, `Drawn up: ${formatDateTimeId(report.generatedAt, lang)} by the Dinas Kominfo (Penghubung)`),
    ],
    period,
    footer: `${t('Laporan Pemantauan dan Evaluasi SPLP', 'SPLP Monitoring and Evaluation Report')}${region ? ` ${region}` : ''} · ${period}`,
    pageLabel: (page, pages) => t(`Halaman ${page} dari ${pages}`, `Page ${page} of ${pages}`),
    continued: t('lanjutan', 'continued'),
    noData,
    sections: [
      { heading: t('1. Ringkasan Eksekutif', '1. Executive Summary'), blocks: summaryBlocks },
      { heading: t('2. Angka Utama', '2. Key Figures'), blocks: [figures] },
      { heading: t('3. Tren Permintaan Harian', '3. Daily Requests'), blocks: daily },
      {
        heading: t('4. Penggunaan Data per Perangkat Daerah', '4. Data Use per Agency'),
        blocks: [
          ...bars(t('Permintaan per Perangkat Daerah', 'Requests per agency'), report.agencies, (row) => label(row, '-')),
          table(
            [t('Perangkat Daerah', 'Agency'), t('Permintaan', 'Requests'), t('Data dilayani', 'Data served'), t('Akses ditolak', 'Refused'), t('Gagal', 'Failed'), t('Aplikasi klien', 'Client apps'), t('Waktu tanggap tipikal', 'Typical response')],
            agencyRows,
            noData,
          ),
        ],
      },
      {
        heading: t('5. Penggunaan per Aplikasi Klien', '5. Use per Client Application'),
        blocks: [
          ...bars(t('Permintaan per aplikasi klien', 'Requests per client application'), report.clients, clientLabel),
          table(
            [t('Aplikasi klien', 'Client application'), t('Permintaan', 'Requests'), t('Data dilayani', 'Data served'), t('Ditolak: hak akses', 'Refused: access'), t('Ditolak: kuota', 'Refused: quota'), t('Gagal', 'Failed'), t('Waktu tanggap tipikal', 'Typical response')],
            clientRows,
            noData,
          ),
        ],
      },
      {
        heading: t('6. Data yang Paling Sering Diakses', '6. Most Accessed Data'),
        blocks: [
          table(
            [t('Data', 'Data'), t('Perangkat Daerah', 'Agency'), t('Klasifikasi', 'Classification'), t('Data pribadi', 'Personal data'), t('Diakses', 'Accessed'), t('Ditolak', 'Refused'), t('Aplikasi klien', 'Client apps')],
            fieldRows,
            noData,
            4,
          ),
        ],
      },
      {
        heading: t('7. Jenis Permintaan Terbanyak', '7. Most Frequent Requests'),
        blocks: [table([t('Nama permintaan', 'Request name'), t('Permintaan', 'Requests'), t('Aplikasi klien', 'Client apps'), t('Ditolak', 'Refused'), t('Waktu tanggap tipikal', 'Typical response')], operationRows, noData)],
      },
      {
        heading: t('8. Keandalan Layanan Perangkat Daerah', '8. Reliability of the Agencies’ Services'),
        blocks: [
          ...bars(t('Panggilan per layanan', 'Calls per service'), report.subgraphs, (row) => serviceOf(row.key)),
          table(
            [t('Layanan', 'Service'), t('Panggilan', 'Calls'), t('Gagal', 'Failed'), t('Tingkat kegagalan', 'Failure rate'), t('Waktu tanggap tipikal', 'Typical response'), t('95% dijawab dalam', '95% answered within')],
            serviceRows,
            noData,
          ),
        ],
      },
      {
        heading: t('9. Sinyal Potensi Penyalahgunaan', '9. Possible-Misuse Signals'),
        blocks: [
          {
            kind: 'paragraph',
            style: 'note',
            text: t(
              `Aplikasi klien yang perilakunya menyimpang tajam dari riwayatnya sendiri (lebih dari ${num(report.thresholds.factor)} kali nilai tengah ` +
                `${num(report.thresholds.historyDays)} hari sebelumnya: jumlah permintaan harian, percobaan akses yang ditolak, porsi akses pukul 22.00–05.00 WIB), ` +
                'atau melampaui kuota harian yang disetujui. Sinyal adalah bahan pemeriksaan, bukan kesimpulan.',
              `Client applications whose behaviour departs sharply from their own history (more than ${num(report.thresholds.factor)} times the middle value of the ` +
                `${num(report.thresholds.historyDays)} days before: daily requests, refused access attempts, share of access between 22:00 and 05:00 WIB), ` +
                'or that went past their approved daily quota. A signal is a lead, not a conclusion.',
            ),
          },
          table([t('Tanggal', 'Date'), t('Aplikasi klien', 'Client application'), t('Jenis', 'Kind'), t('Uraian', 'Description')], signalRows, t('Tidak ada sinyal pada periode ini.', 'No signals in this period.'), 4),
        ],
      },
      {
        heading: t('10. Catatan Metodologi', '10. Method'),
        blocks: [
          {
            kind: 'paragraph',
            style: 'note',
            text: t(
              'Angka diambil dari log akses Penghubung: setiap permintaan ke SPLP dicatat sebelum jawabannya dikirim, dalam rantai hash dengan titik periksa ' +
                'bertanda tangan, sehingga keutuhannya dapat diverifikasi (laporan ini memeriksa rantai hash periode ini; pemeriksaan lengkap dengan tanda tangan: ' +
                '"penghubung log verify"). Hari dihitung menurut WIB. "Data dilayani" adalah jumlah isian data yang diberikan pada permintaan yang berhasil ' +
                '(seluruhnya atau sebagian); "ditolak" dipisah menurut alasannya: tanpa hak akses (data yang tidak diberikan kepada aplikasi itu, atau di luar ' +
                'syarat pemberiannya), kuota harian habis, atau terlalu sering/terlalu besar; permintaan yang ditolak tidak diteruskan ke Perangkat Daerah. ' +
                '"Waktu tanggap tipikal" adalah nilai tengah: separuh permintaan dijawab lebih cepat. Nilai data pribadi seperti NIK disamarkan di log. ' +
                'Periode sebelumnya adalah rentang sepanjang periode ini tepat sebelumnya. Laporan ini disusun untuk pemantauan dan evaluasi SPLP kepada kepala ' +
                'daerah (mis. Perbup Pacitan 138/2023 Pasal 8; Perwali Baubau 32/2024 Pasal 9 ayat (3)).',
              'The figures come from the Penghubung access log: every request to the SPLP is recorded before its answer is sent, in a hash chain with signed ' +
                'checkpoints, so its integrity can be verified (this report checks the hash chain of this period; the full check with signatures: ' +
                '"penghubung log verify"). Days are counted in WIB. "Data served" is the number of data items given in successful requests (wholly or in ' +
                'part); refusals are split by reason: no access rights (data not granted to that application, or outside the conditions of the grant), ' +
                'daily quota used up, or too frequent/too large; refused requests never reach an agency. "Typical response time" is the middle value: half ' +
                'of the requests were answered faster. Personal values such as a NIK are masked in the log. The previous period is the range of the same ' +
                'length just before this one. This report serves the monitoring and evaluation of the SPLP for the head of region (e.g. Perbup Pacitan ' +
                '138/2023 Article 8; Perwali Baubau 32/2024 Article 9(3)).',
            ),
          },
        ],
      },
      { heading: t('Pengesahan', 'Approval'), blocks: [signature] },
    ],
  };
}

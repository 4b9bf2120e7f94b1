/**
 * The report's executive summary: findings and recommendations derived from the report's own figures,
 * in plain words, each finding carrying the number it rests on. Nothing here queries anything; the
 * same report always gives the same findings. The rules, most urgent first:
 * - the period's log does not hash-chain → examine it at once;
 * - a client refused for its daily quota;
 * - refused accesses to an agency's data at least doubled against the previous period (and at least
 *   `MIN_REFUSALS`);
 * - a field served at least `FIELD_GROWTH`× as often as in the previous period (and at least
 *   `MIN_FIELD_ACCESSES` times);
 * - an agency's service failing on at least `ERROR_RATE` of at least `MIN_CALLS` calls;
 * - misuse signals (section "Sinyal");
 * - many requests without a valid credential.
 * With none of these the summary says so.
 */
import type { Message } from '../../../lib/errors.ts';
import type { EvaluationReport } from './buildReport.ts';
import { fieldLabel } from './labels.ts';

export const MIN_REFUSALS = 20;
export const FIELD_GROWTH = 3;
export const MIN_FIELD_ACCESSES = 50;
export const ERROR_RATE = 0.05;
export const MIN_CALLS = 20;
export const MIN_UNAUTHENTICATED = 50;

export interface Finding {
  /** `urgent`: act now (the log); `attention`: to look into. */
  level: 'urgent' | 'attention';
  finding: Message;
  recommendation: Message;
}

const idNumber = (value: number): string => value.toLocaleString('id-ID');
const enNumber = (value: number): string => value.toLocaleString('en-GB');
const idPct = (value: number): string => `${(value * 100).toLocaleString('id-ID', { maximumFractionDigits: 1 })}%`;
const enPct = (value: number): string => `${(value * 100).toLocaleString('en-GB', { maximumFractionDigits: 1 })}%`;
const idTimes = (value: number): string => `${value.toLocaleString('id-ID', { maximumFractionDigits: 1 })} kali lipat`;
const enTimes = (value: number): string => `${value.toLocaleString('en-GB', { maximumFractionDigits: 1 })} times`;

const PROBLEM_ID = { altered: 'isinya tidak cocok dengan hash-nya (diubah)', deleted: 'hilang dari rantai (dihapus)', inserted: 'tidak tersambung ke catatan sebelumnya (disisipkan)' };
const PROBLEM_EN = { altered: 'does not match its hash (altered)', deleted: 'is missing from the chain (removed)', inserted: 'does not link to the record before it (inserted)' };

export function findingsOf(report: EvaluationReport): Finding[] {
  const findings: Finding[] = [];
  const { integrity } = report;
  if (!integrity.ok && integrity.problem) {
    const { seq, kind } = integrity.problem;
    findings.push({
      level: 'urgent',
      finding: {
        id: `Log akses periode ini tidak utuh: catatan nomor ${seq} ${PROBLEM_ID[kind]}; ${idNumber(integrity.checked)} catatan sebelumnya utuh.`,
        en: `The access log of this period is not intact: record number ${seq} ${PROBLEM_EN[kind]}; the ${enNumber(integrity.checked)} records before it are intact.`,
      },
      recommendation: {
        id: 'Segera periksa: jalankan "penghubung log verify", amankan salinan basis data dan titik periksa yang diterbitkan, dan laporkan kepada Kepala Dinas Kominfo.',
        en: 'Examine at once: run "penghubung log verify", secure a copy of the database and the published checkpoints, and report to the head of the Dinas Kominfo.',
      },
    });
  }

  const clientNames = new Map(report.clients.map((row) => [row.key ?? '', row.label ?? row.key ?? '']));
  for (const signal of report.signals) if (signal.client && !clientNames.has(signal.clientId)) clientNames.set(signal.clientId, signal.client);
  const quotaSignals = report.signals.filter((signal) => signal.kind === 'quota');
  const quotaClients = new Set([
    ...Object.entries(report.clientRefusals).flatMap(([clientId, refusals]) => (clientId !== '' && refusals.quota > 0 ? [clientId] : [])),
    ...quotaSignals.map((signal) => signal.clientId),
  ]);
  const byRefusals = (clientId: string) => report.clientRefusals[clientId]?.quota ?? 0;
  for (const clientId of [...quotaClients].sort((a, b) => byRefusals(b) - byRefusals(a) || a.localeCompare(b))) {
    const name = clientNames.get(clientId) ?? clientId;
    const refused = byRefusals(clientId);
    const overruns = quotaSignals.filter((signal) => signal.clientId === clientId);
    const peak = overruns.reduce<{ requests: number; quota: number } | null>((top, signal) => {
      const requests = Number(signal.evidence['requests'] ?? 0);
      return top && top.requests >= requests ? top : { requests, quota: Number(signal.evidence['quotaPerDay'] ?? 0) };
    }, null);
    const refusedText =
      refused > 0
        ? { id: `${idNumber(refused)} permintaan ditolak karena kuotanya habis`, en: `${enNumber(refused)} requests were refused because the quota was used up` }
        : null;
    const overrunText = peak
      ? {
          id: `pemakaiannya melampaui kuota pada ${idNumber(overruns.length)} hari (tertinggi ${idNumber(peak.requests)} permintaan, kuota ${idNumber(peak.quota)} per hari)`,
          en: `its use exceeded the quota on ${enNumber(overruns.length)} days (highest ${enNumber(peak.requests)} requests, quota ${enNumber(peak.quota)} a day)`,
        }
      : null;
    const parts = [refusedText, overrunText].filter((part): part is Message => part !== null);
    findings.push({
      level: 'attention',
      finding: {
        id: `Aplikasi "${name}" melewati kuota harian yang disetujui: ${parts.map((part) => part.id).join('; ')}.`,
        en: `The application "${name}" went past its approved daily quota: ${parts.map((part) => part.en).join('; ')}.`,
      },
      recommendation: {
        id: `Tinjau bersama pemilik "${name}" apakah kebutuhannya memang lebih besar (ajukan permohonan akses baru dengan kuota yang sesuai) atau apakah aplikasinya memanggil berulang tanpa perlu.`,
        en: `Review with the owner of "${name}" whether it really needs more (a new access request with a fitting quota) or whether the application calls repeatedly without need.`,
      },
    });
  }

  const previousAgencies = new Map(report.previous.agencies.map((row) => [row.key, row]));
  for (const agency of report.agencies) {
    const now = agency.denied ?? 0;
    const before = previousAgencies.get(agency.key)?.denied ?? 0;
    if (now < MIN_REFUSALS || now < 2 * before) continue;
    const name = agency.label ?? agency.key ?? '-';
    const growth = before === 0 ? { id: 'sebelumnya tidak ada', en: 'none before' } : { id: idTimes(now / before), en: enTimes(now / before) };
    findings.push({
      level: 'attention',
      finding: {
        id: `Penolakan akses ke data ${name} naik dari ${idNumber(before)} menjadi ${idNumber(now)} dibanding periode sebelumnya (${growth.id}).`,
        en: `Refused accesses to the data of ${name} rose from ${enNumber(before)} to ${enNumber(now)} against the previous period (${growth.en}).`,
      },
      recommendation: {
        id: `Periksa aplikasi klien yang meminta data ${name} tanpa hak akses (bagian Aplikasi Klien); bila disengaja, beri teguran atau cabut kredensialnya.`,
        en: `Check the client applications that asked for the data of ${name} without access (Client Applications section); if deliberate, warn them or revoke their credentials.`,
      },
    });
  }

  const previousFields = new Map(report.previous.fields.map((row) => [row.key, row.requests]));
  for (const field of report.fields) {
    const before = previousFields.get(field.key) ?? 0;
    if (field.requests < MIN_FIELD_ACCESSES || before === 0 || field.requests < FIELD_GROWTH * before) continue;
    const label = fieldLabel(field);
    const owner = field.agencyNames.join(', ') || '-';
    const personal = field.personalData ? { id: ' Data ini termasuk data pribadi.', en: ' This is personal data.' } : { id: '', en: '' };
    findings.push({
      level: 'attention',
      finding: {
        id: `Data "${label.id}" (${owner}) diakses ${idNumber(field.requests)} kali, ${idTimes(field.requests / before)} periode sebelumnya (${idNumber(before)}).${personal.id}`,
        en: `The data "${label.en}" (${owner}) was accessed ${enNumber(field.requests)} times, ${enTimes(field.requests / before)} the previous period (${enNumber(before)}).${personal.en}`,
      },
      recommendation: {
        id: `Pastikan kenaikan akses data "${label.id}" sesuai dengan tujuan permohonan akses yang disetujui, bersama ${owner}.`,
        en: `Make sure the rise in access to "${label.en}" matches the purpose of the approved access requests, together with ${owner}.`,
      },
    });
  }

  for (const service of report.subgraphs) {
    const errors = service.errors ?? 0;
    if (service.requests < MIN_CALLS || errors / service.requests < ERROR_RATE) continue;
    const agency = report.subgraphAgencies[service.key ?? ''] ?? service.key ?? '-';
    findings.push({
      level: 'attention',
      finding: {
        id: `Layanan ${agency} gagal menjawab ${idPct(errors / service.requests)} panggilan (${idNumber(errors)} dari ${idNumber(service.requests)}).`,
        en: `The service of ${agency} failed ${enPct(errors / service.requests)} of its calls (${enNumber(errors)} of ${enNumber(service.requests)}).`,
      },
      recommendation: {
        id: `Minta ${agency} memeriksa ketersediaan dan kapasitas layanannya.`,
        en: `Ask ${agency} to check the availability and capacity of its service.`,
      },
    });
  }

  if (report.signals.length > 0) {
    const clients = new Set(report.signals.map((signal) => signal.clientId)).size;
    findings.push({
      level: 'attention',
      finding: {
        id: `Terdapat ${idNumber(report.signals.length)} sinyal potensi penyalahgunaan dari ${idNumber(clients)} aplikasi klien.`,
        en: `There are ${enNumber(report.signals.length)} possible-misuse signals from ${enNumber(clients)} client applications.`,
      },
      recommendation: {
        id: 'Periksa setiap sinyal (bagian Sinyal) bersama pemilik aplikasinya; sinyal adalah bahan pemeriksaan, bukan kesimpulan.',
        en: 'Look into each signal (Signals section) with the application owner; a signal is a lead, not a conclusion.',
      },
    });
  }

  const { unauthenticated, requests } = report.totals;
  if (unauthenticated >= MIN_UNAUTHENTICATED && unauthenticated / Math.max(1, requests) >= ERROR_RATE) {
    findings.push({
      level: 'attention',
      finding: {
        id: `${idNumber(unauthenticated)} permintaan (${idPct(unauthenticated / requests)}) datang tanpa kredensial yang sah.`,
        en: `${enNumber(unauthenticated)} requests (${enPct(unauthenticated / requests)}) came without a valid credential.`,
      },
      recommendation: {
        id: 'Periksa asal permintaan tersebut di log akses; pastikan hanya aplikasi terdaftar yang memanggil SPLP.',
        en: 'Look up where those requests came from in the access log; make sure only registered applications call the SPLP.',
      },
    });
  }
  return findings;
}

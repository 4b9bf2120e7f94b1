/**
 * The access workflow from the command line, for every role (Perbup Pacitan 138/2023 Pasal 5):
 *
 *   requester      client create|list, access request, credential create|list|revoke
 *   administrator  access list|show|approve|reject, access revoke <grantId>
 *   publisher      access list --awaiting, access grant|decline, access revoke <grantId>
 *
 * Every command prints Indonesian by default (`--lang en`), the registry's JSON with `--json`, and
 * exits 0 done, 1 refused by the registry or unreachable, 2 wrong usage.
 */
import { CONDITIONS_OPTION_HELP, readConditionsOption } from './conditionsOption.ts';
import { Option } from 'commander';
import type { Command } from 'commander';
import { createCommandAction, UsageError } from './action.ts';
import type { CommandIo } from './action.ts';
import type { CliEnvironment } from './config.ts';
import { renderTable, say, wibTime } from './render.ts';
import type { Lang } from './render.ts';

interface Ref {
  id: string;
  name: string;
}

interface ClientView {
  id: string;
  name: string;
  requester: Ref;
  agency: { slug: string } | null;
  organization: string;
  contact: string;
  createdAt: string;
}

interface GrantView {
  id: string;
  coordinate: string;
  graph: string;
  client: Ref;
  agency: { slug: string };
  startsAt: string;
  endsAt: string;
  state: string;
  revokeReason: string | null;
}

interface Decision {
  decision: string;
  reason: string;
  actor: Ref;
  decidedAt: string;
}

interface AccessRequestView {
  id: string;
  status: string;
  client: { id: string; name: string; organization: string };
  requester: Ref;
  graph: string;
  purpose: string;
  legalBasis: string;
  periodStart: string;
  periodEnd: string;
  quotaPerDay: number | null;
  createdAt: string;
  items: { coordinate: string; agency: { slug: string }; status: string }[];
  approval: Decision | null;
  agencyDecisions: (Decision & { agency: { slug: string } })[];
  grants: GrantView[];
}

interface CredentialView {
  id: string;
  label: string;
  prefix: string;
  expiresAt: string | null;
  revokedAt: string | null;
  createdAt: string;
  state: string;
}

const STATUS_ID: Record<string, string> = {
  pending: 'menunggu persetujuan',
  approved: 'disetujui',
  rejected: 'ditolak',
  granted: 'diberikan',
  declined: 'ditolak PD',
  partially_granted: 'diberikan sebagian',
  active: 'aktif',
  scheduled: 'terjadwal',
  expired: 'berakhir',
  revoked: 'dicabut',
};

const status = (lang: Lang, value: string): string => (lang === 'en' ? value.replaceAll('_', ' ') : (STATUS_ID[value] ?? value));
const day = (iso: string): string => wibTime(iso).slice(0, 10);

function renderRequests(requests: AccessRequestView[], lang: Lang): string {
  return renderTable(
    [say(lang, 'id', 'id'), say(lang, 'status', 'status'), say(lang, 'aplikasi', 'client'), say(lang, 'graf', 'graph'), say(lang, 'field', 'fields'), say(lang, 'periode', 'period'), say(lang, 'diajukan', 'submitted')],
    requests.map((request) => [
      request.id,
      status(lang, request.status),
      request.client.name,
      request.graph,
      String(request.items.length),
      `${day(request.periodStart)} – ${day(request.periodEnd)}`,
      wibTime(request.createdAt),
    ]),
    say(lang, 'Tidak ada permohonan akses.', 'No access requests.'),
  );
}

function renderRequest(request: AccessRequestView, lang: Lang): string {
  const lines = [
    `${say(lang, 'Permohonan akses', 'Access request')} ${request.id}`,
    `  status        : ${status(lang, request.status)}`,
    `  ${say(lang, 'aplikasi      ', 'client        ')}: ${request.client.name} (${request.client.id})${request.client.organization ? `, ${request.client.organization}` : ''}`,
    `  ${say(lang, 'pemohon       ', 'requester     ')}: ${request.requester.name}`,
    `  ${say(lang, 'graf          ', 'graph         ')}: ${request.graph}`,
    `  ${say(lang, 'tujuan        ', 'purpose       ')}: ${request.purpose}`,
    `  ${say(lang, 'dasar hukum   ', 'legal basis   ')}: ${request.legalBasis}`,
    `  ${say(lang, 'periode       ', 'period        ')}: ${wibTime(request.periodStart)} – ${wibTime(request.periodEnd)}`,
    `  ${say(lang, 'kuota per hari', 'quota per day ')}: ${request.quotaPerDay ?? say(lang, 'tanpa batas', 'none')}`,
    '',
    renderTable(
      [say(lang, 'field', 'field'), 'PD', 'status'],
      request.items.map((item) => [item.coordinate, item.agency.slug, status(lang, item.status)]),
      say(lang, '(tanpa field)', '(no fields)'),
    ),
  ];
  if (request.approval) {
    lines.push('', `${say(lang, 'Keputusan administrator', 'Administrator decision')}: ${status(lang, request.approval.decision)} — ${request.approval.actor.name}, ${wibTime(request.approval.decidedAt)}: ${request.approval.reason}`);
  }
  for (const decision of request.agencyDecisions) {
    lines.push(`${say(lang, 'Keputusan', 'Decision of')} ${decision.agency.slug}: ${status(lang, decision.decision)} — ${decision.actor.name}, ${wibTime(decision.decidedAt)}: ${decision.reason}`);
  }
  if (request.grants.length > 0) {
    lines.push('', say(lang, 'Pemberian akses:', 'Grants:'), renderGrants(request.grants, lang));
  }
  return lines.join('\n');
}

function renderGrants(grants: GrantView[], lang: Lang): string {
  return renderTable(
    ['id', say(lang, 'field', 'field'), 'PD', say(lang, 'aplikasi', 'client'), status(lang, 'status'), say(lang, 'berlaku', 'valid')],
    grants.map((grant) => [grant.id, grant.coordinate, grant.agency.slug, grant.client.name, status(lang, grant.state), `${day(grant.startsAt)} – ${day(grant.endsAt)}`]),
    say(lang, 'Tidak ada pemberian akses.', 'No grants.'),
  );
}

function renderClients(clients: ClientView[], lang: Lang): string {
  return renderTable(
    ['id', say(lang, 'nama', 'name'), say(lang, 'pemilik', 'owner'), say(lang, 'pemohon', 'requester'), say(lang, 'kontak', 'contact')],
    clients.map((client) => [client.id, client.name, client.agency?.slug ?? client.organization ?? '-', client.requester.name, client.contact]),
    say(lang, 'Belum ada aplikasi klien.', 'No client applications yet.'),
  );
}

function renderCredentials(credentials: CredentialView[], lang: Lang): string {
  return renderTable(
    ['id', say(lang, 'label', 'label'), say(lang, 'awalan', 'prefix'), 'status', say(lang, 'dibuat', 'created'), say(lang, 'kedaluwarsa', 'expires')],
    credentials.map((credential) => [credential.id, credential.label, `phk_${credential.prefix}_…`, status(lang, credential.state), wibTime(credential.createdAt), wibTime(credential.expiresAt)]),
    say(lang, 'Belum ada kunci API.', 'No API keys yet.'),
  );
}

/** Reads a decision reason: required, and refused before any call when empty. */
function reasonOf(own: Record<string, unknown>, lang: Lang): string {
  const reason = typeof own['reason'] === 'string' ? own['reason'].trim() : '';
  if (reason === '') throw new UsageError(say(lang, '--reason wajib diisi: alasan keputusan dicatat di jejak administratif', '--reason is required: the reason is recorded in the administrative trail'));
  return reason;
}

const path = (template: string, ...ids: unknown[]): string => {
  let index = 0;
  return template.replace(/:id/g, () => encodeURIComponent(String(ids[index++])));
};

export function registerWorkflowCommands(
  program: Command,
  io: CommandIo,
  environment: CliEnvironment,
  setExitCode: (code: number) => void,
): void {
  const action = createCommandAction(io, environment, setExitCode);

  // ---- client applications (requester) ---------------------------------------------------------
  const client = program.command('client').description('aplikasi klien peminta / client applications');
  client
    .command('create')
    .description('mendaftarkan aplikasi (peminta) / register a client application (requester)')
    .requiredOption('--name <name>', 'nama aplikasi')
    .requiredOption('--contact <contact>', 'kontak penanggung jawab')
    .option('--organization <text>', 'organisasi pemilik bila bukan PD')
    .option('--agency <slug>', 'PD pemilik (hanya PD Anda sendiri)')
    .action(
      action(async (context) => {
        const { name, contact, organization, agency } = context.own as Record<string, string | undefined>;
        const { body } = await context.client.request<ClientView>('POST', 'v1/clients', {
          name,
          contact,
          ...(organization ? { organization } : {}),
          ...(agency ? { agency } : {}),
        });
        context.print(body, () => say(context.lang, `Aplikasi ${body.name} terdaftar, id ${body.id}.`, `Client ${body.name} registered, id ${body.id}.`));
        return 0;
      }),
    );
  client
    .command('list')
    .description('daftar aplikasi klien / list client applications')
    .action(
      action(async (context) => {
        const { body } = await context.client.request<ClientView[]>('GET', 'v1/clients');
        context.print(body, () => renderClients(body, context.lang));
        return 0;
      }),
    );

  // ---- access requests, decisions, grants ------------------------------------------------------
  const access = program.command('access').description('permohonan dan pemberian akses / access requests and grants');
  access
    .command('request')
    .description('mengajukan permohonan akses (peminta) / submit an access request (requester)')
    .requiredOption('--client <id>', 'id aplikasi klien (lihat: client list)')
    .requiredOption('--graph <name>', 'graf, mis. semua atau kependudukan')
    .requiredOption('--fields <coordinates...>', 'koordinat field, mis. Query.penduduk Penduduk.nama')
    .requiredOption('--purpose <text>', 'tujuan penggunaan data')
    .requiredOption('--legal-basis <text>', 'dasar hukum')
    .requiredOption('--from <date>', 'awal periode: 2026-12-01 atau waktu ISO 8601')
    .requiredOption('--to <date>', 'akhir periode (tanggal saja = sampai akhir hari itu WIB)')
    .option('--quota-per-day <n>', 'batas permintaan per hari')
    .action(
      action(async (context) => {
        const own = context.own as Record<string, string | string[] | undefined>;
        const quota = own['quotaPerDay'] === undefined ? undefined : Number(own['quotaPerDay']);
        if (quota !== undefined && (!Number.isInteger(quota) || quota < 1)) {
          throw new UsageError(say(context.lang, '--quota-per-day harus bilangan bulat positif', '--quota-per-day must be a positive integer'));
        }
        const fields = (own['fields'] as string[]).flatMap((field) => field.split(',')).map((field) => field.trim()).filter(Boolean);
        const { body } = await context.client.request<AccessRequestView>('POST', 'v1/access-requests', {
          clientId: own['client'],
          graph: own['graph'],
          coordinates: fields,
          purpose: own['purpose'],
          legalBasis: own['legalBasis'],
          periodStart: own['from'],
          periodEnd: own['to'],
          ...(quota === undefined ? {} : { quotaPerDay: quota }),
        });
        context.print(body, () =>
          say(
            context.lang,
            `Permohonan ${body.id} diajukan (${body.items.length} field), menunggu persetujuan administrator.`,
            `Access request ${body.id} submitted (${body.items.length} fields), awaiting the administrator's approval.`,
          ),
        );
        return 0;
      }),
    );
  access
    .command('list')
    .description('daftar permohonan (administrator: semua; PD: bagiannya; peminta: miliknya) / list access requests')
    .addOption(new Option('--status <status>', 'hanya status ini').choices(['pending', 'approved', 'rejected']))
    .option('--client <id>', 'hanya aplikasi ini')
    .option('--awaiting', 'PD: hanya yang menunggu keputusan PD Anda / publisher: awaiting your decision')
    .option('--grants', 'daftar pemberian akses, bukan permohonan / list grants instead')
    .action(
      action(async (context) => {
        const own = context.own as { status?: string; client?: string; awaiting?: boolean; grants?: boolean };
        if (own.grants) {
          const params = new URLSearchParams(own.client ? { clientId: own.client } : {});
          const { body } = await context.client.request<GrantView[]>('GET', `v1/grants?${params}`);
          context.print(body, () => renderGrants(body, context.lang));
          return 0;
        }
        const params = new URLSearchParams({
          ...(own.status ? { status: own.status } : {}),
          ...(own.client ? { clientId: own.client } : {}),
          ...(own.awaiting ? { awaiting: 'true' } : {}),
        });
        const { body } = await context.client.request<AccessRequestView[]>('GET', `v1/access-requests?${params}`);
        context.print(body, () => renderRequests(body, context.lang));
        return 0;
      }),
    );
  access
    .command('show <requestId>')
    .description('satu permohonan dengan keputusan dan pemberiannya / one access request')
    .action(
      action(async (context, requestId) => {
        const { body } = await context.client.request<AccessRequestView>('GET', path('v1/access-requests/:id', requestId));
        context.print(body, () => renderRequest(body, context.lang));
        return 0;
      }),
    );

  const decide = (name: 'approve' | 'reject' | 'decline', description: string, done: [string, string]) => {
    const command = access
      .command(`${name} <requestId>`)
      .description(description)
      .requiredOption('--reason <text>', 'alasan keputusan (dicatat)');
    // Only an approval carries conditions (permitted hours, argument constraints, list size).
    if (name === 'approve') command.option('--conditions <json|@file>', CONDITIONS_OPTION_HELP);
    return command
      .action(
        action(async (context, requestId) => {
          const reason = reasonOf(context.own, context.lang);
          const conditions = await readConditionsOption(context.own['conditions'], context.lang);
          const { body } = await context.client.request<AccessRequestView>('POST', path(`v1/access-requests/:id/${name}`, requestId), {
            reason,
            ...(conditions === undefined ? {} : { conditions }),
          });
          context.print(body, () => `${say(context.lang, done[0], done[1])} ${say(context.lang, 'Status', 'Status')}: ${status(context.lang, body.status)}.`);
          return 0;
        }),
      );
  };
  decide('approve', 'menyetujui permohonan (administrator) / approve (administrator)', ['Permohonan disetujui.', 'Request approved.']);
  decide('reject', 'menolak permohonan, final (administrator) / reject, final (administrator)', ['Permohonan ditolak.', 'Request rejected.']);
  decide('decline', 'menolak bagian PD Anda (publisher) / decline your agency’s part (publisher)', ['Bagian PD Anda ditolak.', 'Your agency’s part declined.']);

  access
    .command('grant <requestId>')
    .description('memberikan akses atas field PD Anda (publisher) / grant your agency’s part (publisher)')
    .requiredOption('--reason <text>', 'alasan pemberian (dicatat)')
    .option('--fields <coordinates...>', 'hanya field ini (sisanya ditolak); bawaan: semua field PD Anda')
    .option('--from <date>', 'mulai berlaku (bawaan: awal periode permohonan)')
    .option('--to <date>', 'berakhir (bawaan: akhir periode permohonan)')
    .option('--conditions <json|@file>', CONDITIONS_OPTION_HELP)
    .action(
      action(async (context, requestId) => {
        const own = context.own as { fields?: string[]; from?: string; to?: string };
        const reason = reasonOf(context.own, context.lang);
        const conditions = await readConditionsOption(context.own['conditions'], context.lang);
        const fields = (own.fields ?? []).flatMap((field) => field.split(',')).map((field) => field.trim()).filter(Boolean);
        const { body } = await context.client.request<AccessRequestView>('POST', path('v1/access-requests/:id/grant', requestId), {
          reason,
          ...(fields.length > 0 ? { coordinates: fields } : {}),
          ...(own.from ? { startsAt: own.from } : {}),
          ...(own.to ? { endsAt: own.to } : {}),
          ...(conditions === undefined ? {} : { conditions }),
        });
        context.print(body, () =>
          say(context.lang, `Akses diberikan. Status permohonan: ${status(context.lang, body.status)}.`, `Access granted. Request status: ${status(context.lang, body.status)}.`),
        );
        return 0;
      }),
    );
  access
    .command('revoke <grantId>')
    .description('mencabut pemberian akses (PD pemilik atau administrator) / revoke a grant')
    .requiredOption('--reason <text>', 'alasan pencabutan (dicatat)')
    .action(
      action(async (context, grantId) => {
        const reason = reasonOf(context.own, context.lang);
        const { body } = await context.client.request<GrantView>('POST', path('v1/grants/:id/revoke', grantId), { reason });
        context.print(body, () =>
          say(context.lang, `Pemberian ${body.coordinate} untuk ${body.client.name} dicabut; berlaku pada permintaan berikutnya.`, `Grant of ${body.coordinate} to ${body.client.name} revoked; effective from the next request.`),
        );
        return 0;
      }),
    );

  // ---- API keys for the gateway (requester) ------------------------------------------------------
  const credential = program.command('credential').description('kunci API untuk gateway / API keys for the gateway');
  credential
    .command('create')
    .description('membuat kunci API (ditampilkan sekali) / issue an API key (shown once)')
    .requiredOption('--client <id>', 'id aplikasi klien')
    .option('--label <text>', 'label kunci', 'utama')
    .option('--expires <date>', 'kedaluwarsa: 2027-12-31 atau waktu ISO 8601')
    .action(
      action(async (context) => {
        const own = context.own as { client: string; label: string; expires?: string };
        const { body } = await context.client.request<{ credential: CredentialView; apiKey: string }>('POST', path('v1/clients/:id/credentials', own.client), {
          label: own.label,
          ...(own.expires ? { expiresAt: own.expires } : {}),
        });
        context.print(body, () =>
          [
            say(context.lang, 'Kunci API (hanya ditampilkan sekali ini, simpan dengan aman):', 'API key (shown only once, keep it safe):'),
            `  ${body.apiKey}`,
            `  id: ${body.credential.id}`,
            say(context.lang, '  Kirim pada setiap permintaan: Authorization: Bearer <kunci>', '  Send it with every request: Authorization: Bearer <key>'),
          ].join('\n'),
        );
        return 0;
      }),
    );
  credential
    .command('list')
    .description('daftar kunci API aplikasi, tanpa rahasia / list API keys, no secrets')
    .requiredOption('--client <id>', 'id aplikasi klien')
    .action(
      action(async (context) => {
        const { body } = await context.client.request<CredentialView[]>('GET', path('v1/clients/:id/credentials', context.own['client']));
        context.print(body, () => renderCredentials(body, context.lang));
        return 0;
      }),
    );
  credential
    .command('revoke <credentialId>')
    .description('mencabut kunci API / revoke an API key')
    .requiredOption('--client <id>', 'id aplikasi klien')
    .option('--reason <text>', 'alasan pencabutan')
    .action(
      action(async (context, credentialId) => {
        const own = context.own as { client: string; reason?: string };
        const { body } = await context.client.request<CredentialView>('POST', path('v1/clients/:id/credentials/:id/revoke', own.client, credentialId), {
          ...(own.reason ? { reason: own.reason } : {}),
        });
        context.print(body, () => say(context.lang, `Kunci API phk_${body.prefix}_… dicabut.`, `API key phk_${body.prefix}_… revoked.`));
        return 0;
      }),
    );
}

/**
 * The zod schemas of the access workflow's HTTP API: they validate requests and document the API
 * in OpenAPI (through `registerOperation`). Responses are the views of the repositories with their
 * dates as ISO strings (`toJson`).
 */
import { z } from 'zod';
import { accessRequestStatuses } from '../../drizzle/schema/index.ts';
import { attachedConditionsInputSchema, attachedConditionsSchema, conditionSetSchema } from '../../lib/grantConditions/conditions.ts';
import { dateInput } from '../../lib/validation/dateInput.ts';

/** A view with every `Date` turned into its ISO string, as it travels in JSON. */
export type Jsonified<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Jsonified<U>[]
    : T extends object
      ? { [K in keyof T]: Jsonified<T[K]> }
      : T;

export function toJson<T>(value: T): Jsonified<T> {
  return JSON.parse(JSON.stringify(value)) as Jsonified<T>;
}

// Dates people type (2026-12-01) or instants with their offset: lib/validation/dateInput.ts.
const startTimestamp = dateInput('start');
const endTimestamp = dateInput('end');
const reason = z.string().trim().min(1).max(2000);
const ref = z.object({ id: z.string(), name: z.string() });
const agencyRef = z.object({ id: z.string(), slug: z.string(), name: z.string() }).meta({ id: 'AgencyRef' });

export const coordinate = z
  .string()
  .trim()
  .min(3)
  .max(300)
  .describe('Koordinat field: Tipe.field (schema coordinate: Type.field)');

/** What a requester may name: a coordinate, `Type.*` (every field of a type) or `*` (every field of the graph). */
export const requestedCoordinate = z
  .string()
  .trim()
  .min(1)
  .max(300)
  .describe(
    'Tipe.field, Tipe.* (semua field tipe itu) atau * (semua field graf); field interface berarti field itu pada setiap implementasinya (Type.field, Type.* or *; an interface field means that field of every implementation)',
  );

// ---- requests -------------------------------------------------------------------------------------

export const idParams = z.object({ id: z.uuid() });

export const registerClientBody = z
  .object({
    name: z.string().trim().min(2).max(200).describe('Nama aplikasi'),
    agency: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,62}$/)
      .optional()
      .describe('Slug PD pemilik: hanya PD pemohon sendiri (default: PD pemohon, bila ada)'),
    organization: z.string().trim().max(300).optional().describe('Organisasi pemilik bila bukan PD'),
    contact: z.string().trim().min(3).max(500).describe('Kontak penanggung jawab aplikasi'),
  })
  .meta({ id: 'RegisterClientInput' });

export const submitAccessRequestBody = z
  .object({
    clientId: z.uuid(),
    graph: z.string().trim().min(1).max(100).describe('Nama graf'),
    coordinates: z.array(requestedCoordinate).min(1).max(500).describe('Field yang dimohon'),
    purpose: z.string().trim().min(10).max(4000).describe('Tujuan penggunaan data'),
    legalBasis: z.string().trim().min(3).max(2000).describe('Dasar hukum'),
    periodStart: startTimestamp,
    periodEnd: endTimestamp,
    quotaPerDay: z
      .number()
      .int()
      .positive()
      .max(100_000_000)
      .optional()
      .describe('Batas permintaan per hari'),
  })
  .meta({ id: 'SubmitAccessRequestInput' });

export const listAccessRequestsQuery = z.object({
  status: z.enum(accessRequestStatuses).optional(),
  clientId: z.uuid().optional(),
  awaiting: z
    .enum(['true', 'false'])
    .optional()
    .describe('Penerbit: hanya permohonan disetujui yang belum diputuskan PD Anda'),
});

export const decisionBody = z
  .object({ reason: reason.describe('Alasan keputusan (wajib)') })
  .meta({ id: 'DecisionInput' });

const conditionsInput = attachedConditionsInputSchema.describe(
  'Syarat akses: jam yang diizinkan (WIB), batasan argumen, ukuran daftar maksimum; untuk semua field (`all`) ' +
    'atau per field (`fields`). Access conditions: permitted hours (WIB), argument constraints, maximum list ' +
    'size; on every field (`all`) or per field (`fields`).',
);

export const approveBody = z
  .object({
    reason: reason.describe('Alasan keputusan (wajib)'),
    conditions: conditionsInput.optional(),
  })
  .meta({ id: 'ApproveInput' });

export const grantBody = z
  .object({
    coordinates: z
      .array(coordinate)
      .min(1)
      .max(500)
      .optional()
      .describe('Bagian dari field PD Anda yang diberikan (default: semua); sisanya ditolak'),
    reason,
    startsAt: startTimestamp.optional().describe('Default: awal periode permohonan'),
    endsAt: endTimestamp.optional().describe('Default: akhir periode permohonan'),
    conditions: conditionsInput
      .optional()
      .describe('Syarat tambahan PD Anda atas field-nya, di samping syarat persetujuan administrator'),
  })
  .meta({ id: 'GrantRequest' });

export const listGrantsQuery = z.object({
  clientId: z.uuid().optional(),
  graph: z.string().trim().min(1).max(100).optional(),
  current: z.enum(['true', 'false']).optional().describe('Hanya yang belum dicabut dan belum berakhir'),
});

export const issueCredentialBody = z
  .object({
    label: z.string().trim().min(1).max(200),
    expiresAt: endTimestamp.optional(),
  })
  .meta({ id: 'IssueCredentialInput' });

export const credentialParams = z.object({ id: z.uuid(), credentialId: z.uuid() });

export const revokeCredentialBody = z
  .object({ reason: z.string().trim().max(2000).optional() })
  .meta({ id: 'RevokeCredentialInput' });

// ---- responses ------------------------------------------------------------------------------------

export const clientView = z
  .object({
    id: z.string(),
    name: z.string(),
    requester: ref,
    agency: agencyRef.nullable(),
    organization: z.string(),
    contact: z.string(),
    grantsVersion: z.number().int(),
    createdAt: z.string(),
  })
  .meta({ id: 'Client' });

export const grantView = z
  .object({
    id: z.string(),
    requestId: z.string(),
    coordinate: z.string(),
    graph: z.string(),
    client: ref,
    agency: agencyRef,
    startsAt: z.string(),
    endsAt: z.string(),
    quotaPerDay: z.number().int().nullable(),
    conditions: z.array(conditionSetSchema),
    grantedBy: ref,
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
    revokedBy: ref.nullable(),
    revokeReason: z.string().nullable(),
    state: z.enum(['scheduled', 'active', 'expired', 'revoked']),
  })
  .meta({ id: 'Grant' });

const decision = <T extends readonly [string, ...string[]]>(values: T) =>
  z.object({ decision: z.enum(values), reason: z.string(), actor: ref, decidedAt: z.string() });

export const accessRequestView = z
  .object({
    id: z.string(),
    status: z.enum(accessRequestStatuses),
    client: z.object({ id: z.string(), name: z.string(), organization: z.string() }),
    requester: ref,
    graph: z.string(),
    purpose: z.string(),
    legalBasis: z.string(),
    periodStart: z.string(),
    periodEnd: z.string(),
    quotaPerDay: z.number().int().nullable(),
    createdAt: z.string(),
    items: z.array(
      z.object({
        id: z.string(),
        coordinate: z.string(),
        agency: agencyRef,
        subgraph: z.string(),
        status: z.enum(['pending', 'granted', 'declined']),
      }),
    ),
    approval: decision(['approved', 'rejected'] as const)
      .extend({ conditions: attachedConditionsSchema.nullable() })
      .nullable(),
    agencyDecisions: z.array(decision(['granted', 'declined'] as const).extend({ agency: agencyRef })),
    grants: z.array(grantView),
  })
  .meta({ id: 'AccessRequest' });

export const credentialView = z
  .object({
    id: z.string(),
    clientId: z.string(),
    label: z.string(),
    prefix: z.string(),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    createdAt: z.string(),
    state: z.enum(['active', 'expired', 'revoked']),
  })
  .meta({ id: 'Credential' });

export const issuedCredentialView = z
  .object({
    credential: credentialView,
    apiKey: z.string().describe('Ditampilkan sekali ini saja; simpan dengan aman (shown once)'),
  })
  .meta({ id: 'IssuedCredential' });

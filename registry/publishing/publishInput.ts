import { z } from 'zod';

/** Subgraph names become enum values in the supergraph (`join__Graph`): keep them plain. */
export const subgraphName = z
  .string()
  .regex(
    /^[a-z][a-z0-9_-]{0,62}$/,
    'huruf kecil, angka, "-" atau "_", diawali huruf (lowercase letters, digits, "-", "_")',
  )
  .describe('Nama subgraph, unik di seluruh registry');

export const slug = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]{0,62}$/,
    'huruf kecil, angka dan "-", diawali huruf (lowercase letters, digits and "-")',
  );

export const publishBody = z
  .object({
    name: subgraphName,
    theme: slug.describe('Slug tema (kependudukan, kepegawaian, …)'),
    routingUrl: z.string().trim().min(1).max(2048).describe('URL yang dipanggil gateway (http/https)'),
    schema: z.string().min(1).describe('SDL subgraph federasi'),
    description: z.string().max(2000).optional(),
    contact: z.string().max(500).optional(),
    timeoutSeconds: z
      .number({ error: 'harus berupa angka detik (must be a number of seconds)' })
      .min(0.1, 'paling sedikit 0,1 detik (at least 0.1 s)')
      .max(60, 'paling lama 60 detik (at most 60 s)')
      .optional()
      .describe('Batas waktu gateway untuk satu panggilan ke subgraph ini, dalam detik (0,1–60); tanpa ini berlaku bawaan gateway'),
    overrideReason: z
      .string()
      .trim()
      .min(10)
      .max(2000)
      .optional()
      .describe('Hanya administrator: alasan menerima perubahan yang memutus kompatibilitas'),
    agency: slug
      .optional()
      .describe(
        'Slug PD pemilik: wajib bagi administrator untuk subgraph baru; bagi publisher hanya PD-nya sendiri',
      ),
  })
  .meta({ id: 'PublishSubgraphRequest' });

export type PublishInput = z.output<typeof publishBody>;

/** The most subgraphs one change set may hold: enough for a domain published together, small enough to compose at once. */
export const MAX_CHANGE_SET = 20;

export const changeSetBody = z
  .object({
    subgraphs: z
      .array(publishBody.omit({ overrideReason: true }))
      .min(1, 'set perubahan kosong: sebutkan paling sedikit satu subgraph (an empty change set: name at least one subgraph)')
      .max(MAX_CHANGE_SET, `paling banyak ${MAX_CHANGE_SET} subgraph per set (at most ${MAX_CHANGE_SET} subgraphs per set)`)
      .describe('Subgraph yang diterbitkan bersama sebagai satu perubahan'),
    overrideReason: publishBody.shape.overrideReason,
  })
  .meta({ id: 'PublishChangeSetRequest' });

export type ChangeSetInput = z.output<typeof changeSetBody>;

/** Request body limit of a change set: room for a few schemas at the limit; a set of many large schemas is better split by graph. */
export function changeSetBodyLimit(deps: { config: { maxSchemaBytes: number } }): number {
  return deps.config.maxSchemaBytes * 4 + 262_144;
}

/**
 * PATCH /v1/subgraphs/:name/fields/:coordinate — the owning publisher or an administrator corrects a
 * field's classification, personal-data flag or description. The row is marked edited, so later
 * publishes keep the correction; the change is trail-recorded with its before and after.
 */
import { z } from 'zod';
import { classifications } from '../../../drizzle/schema/index.ts';
import { ErrorCode, fail } from '../../../lib/errors.ts';
import type { Result } from '../../../lib/errors.ts';
import { defineOperation, reply } from '../../http/operation.ts';
import { agencyScopeOf } from '../../http/scope.ts';
import { FieldMetadataRepository } from '../../repositories/FieldMetadataRepository.ts';
import { SubgraphRepository } from '../../repositories/SubgraphRepository.ts';
import { recordTrail } from '../../trail/recordTrail.ts';
import { subgraphNotFound, subgraphParams } from './common.ts';

export const fieldMetadataBody = z
  .object({
    classification: z.enum(classifications).optional(),
    personalData: z.boolean().optional(),
    description: z.string().max(4000).optional(),
    reason: z.string().trim().max(2000).optional().describe('Alasan perubahan, dicatat di jejak audit'),
  })
  .refine(
    (body) =>
      body.classification !== undefined || body.personalData !== undefined || body.description !== undefined,
    {
      message: 'isi minimal satu dari classification, personalData, description (give at least one)',
    },
  )
  .meta({ id: 'FieldMetadataPatch' });

export const fieldMetadataView = z
  .object({
    subgraph: z.string(),
    coordinate: z.string(),
    typeName: z.string(),
    fieldName: z.string(),
    returnType: z.string(),
    description: z.string(),
    classification: z.enum(classifications),
    personalData: z.boolean(),
    edited: z.boolean(),
    updatedAt: z.string(),
  })
  .meta({ id: 'FieldMetadata' });

type View = z.input<typeof fieldMetadataView>;

export const updateFieldMetadata = defineOperation({
  summary: 'Mengubah klasifikasi/data pribadi/deskripsi field (edit field metadata)',
  tags: ['metadata'],
  roles: ['publisher', 'administrator'],
  errors: [403, 404],
  schema: {
    params: subgraphParams.extend({
      coordinate: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*$/, 'Type.field'),
    }),
    body: fieldMetadataBody,
    response: { 200: fieldMetadataView },
  },
  async handle(deps, { params, body, actor }) {
    const scope = agencyScopeOf(actor);
    if (!scope.ok) return scope;
    return deps.database.db.transaction(async (tx): Promise<Result<{ status: 200; body: View }>> => {
      const subgraphs = new SubgraphRepository(tx, scope.value);
      const subgraph = await subgraphs.findOwnedByName(params.name);
      if (!subgraph) {
        if (await subgraphs.findByName(params.name)) {
          return fail(ErrorCode.FORBIDDEN, {
            id: `Subgraph '${params.name}' milik PD lain; hanya publisher PD tersebut atau administrator yang dapat mengubahnya.`,
            en: `Subgraph '${params.name}' belongs to another agency; only its publishers or an administrator can edit it.`,
          });
        }
        return subgraphNotFound(params.name);
      }
      const fields = new FieldMetadataRepository(tx);
      const before = await fields.find(subgraph.id, params.coordinate);
      if (!before) {
        return fail(
          ErrorCode.NOT_FOUND,
          {
            id: `Field '${params.coordinate}' tidak ada pada subgraph '${params.name}'.`,
            en: `Subgraph '${params.name}' has no field '${params.coordinate}'.`,
          },
          { coordinate: params.coordinate },
        );
      }
      const patch = {
        ...(body.classification === undefined ? {} : { classification: body.classification }),
        ...(body.personalData === undefined ? {} : { personalData: body.personalData }),
        ...(body.description === undefined ? {} : { description: body.description }),
      };
      const after = await fields.update(subgraph.id, params.coordinate, patch);
      if (!after) throw new Error('field metadata vanished inside its transaction');
      await recordTrail(tx, {
        actor,
        action: 'field_metadata.updated',
        subjectType: 'field',
        subjectId: `${subgraph.name}:${params.coordinate}`,
        agencyId: subgraph.agencyId,
        reason: body.reason ?? '',
        before: {
          classification: before.classification,
          personalData: before.personalData,
          description: before.description,
        },
        after: {
          classification: after.classification,
          personalData: after.personalData,
          description: after.description,
        },
      });
      return reply(200, {
        subgraph: subgraph.name,
        coordinate: after.coordinate,
        typeName: after.typeName,
        fieldName: after.fieldName,
        returnType: after.returnType,
        description: after.description,
        classification: after.classification,
        personalData: after.personalData,
        edited: after.edited,
        updatedAt: after.updatedAt.toISOString(),
      });
    });
  },
});

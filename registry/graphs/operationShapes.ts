/** The request and response shapes shared by the graph-management operations. */
import { z } from 'zod';
import { slug } from '../publishing/publishInput.ts';
import type { GraphChange } from './manageGraphs.ts';

export const graphParams = z.object({ name: slug });

/** An administrator's override of the in-use protection. */
export const forceFields = {
  force: z
    .boolean()
    .optional()
    .describe('Hanya administrator: tetap lakukan walau field masih diberi akses atau dipakai (wajib dengan reason)'),
  reason: z.string().trim().max(2000).optional().describe('Alasan; wajib (paling sedikit 10 karakter) bila force'),
};

export const supergraphChange = z.object({
  graph: z.string(),
  version: z.number().int(),
  withdrawn: z.boolean().describe('Graf tidak lagi dilayani gateway (dihapus atau tanpa subgraph)'),
});

export const protectedLeavingField = z.object({
  graph: z.string(),
  coordinate: z.string(),
  grants: z.array(z.string()),
  traffic: z.object({ count: z.number().int(), clients: z.array(z.string()), sinceDays: z.number().int() }).nullable(),
});

export const graphChangeResult = z
  .object({
    name: z.string(),
    themes: z.array(z.string()),
    excludedThemes: z.array(z.string()),
    deleted: z.boolean(),
    supergraphs: z.array(supergraphChange),
    forced: z.array(protectedLeavingField).describe('Field yang diambil dari pemohon oleh perubahan yang dipaksa'),
  })
  .meta({ id: 'GraphChange' });

export function graphChangeBody(change: GraphChange, deleted: boolean): z.input<typeof graphChangeResult> {
  return {
    name: change.graph.name,
    themes: change.graph.themeSlugs,
    excludedThemes: change.graph.excludedThemeSlugs,
    deleted,
    supergraphs: change.supergraphs,
    forced: change.forced,
  };
}

/** POST /v1/admin/graphs — an administrator defines a graph: a name and the themes it gathers. */
import { z } from 'zod';
import { createGraph as createGraphRecord } from '../../admin/catalogue.ts';
import { SUPERGRAPH_CHANNEL } from '../../../lib/feed/channels.ts';
import { defineOperation, reply } from '../../http/operation.ts';
import { slug } from '../../publishing/publishInput.ts';

export const createGraph = defineOperation({
  summary: 'Membuat graf dari tema (create a graph of themes)',
  description:
    'Daftar tema kosong berarti semua tema. Subgraph yang sudah diterbitkan pada tema tersebut langsung dikomposisi; ' +
    'jika komposisi gagal, graf tidak dibuat (422).',
  tags: ['admin'],
  roles: ['administrator'],
  errors: [403, 409, 422],
  schema: {
    body: z
      .object({
        name: slug,
        description: z.string().max(2000).optional(),
        themes: z.array(slug).max(100).default([]),
        excludeThemes: z.array(slug).max(100).default([]).describe('Tema yang tidak dimasukkan, juga bila daftar tema kosong (semua tema)'),
      })
      .meta({ id: 'CreateGraphRequest' }),
    response: {
      201: z
        .object({
          id: z.string(),
          name: z.string(),
          description: z.string(),
          themes: z.array(z.string()),
          excludedThemes: z.array(z.string()),
          version: z.number().int().nullable(),
        })
        .meta({ id: 'CreatedGraph' }),
    },
  },
  async handle(deps, { body, actor }) {
    const result = await deps.database.db.transaction((tx) => createGraphRecord(tx, actor, body, deps.composer.compose));
    if (!result.ok) return result;
    const { graph, supergraph } = result.value;
    if (supergraph) {
      await deps.database.notify(SUPERGRAPH_CHANNEL, JSON.stringify(supergraph)).catch((error: unknown) => {
        deps.logger.warn(
          { err: error },
          'supergraph notification failed; gateways will pick it up by polling',
        );
      });
    }
    return reply(201, {
      id: graph.id,
      name: graph.name,
      description: graph.description,
      themes: graph.themeSlugs,
      excludedThemes: graph.excludedThemeSlugs,
      version: supergraph?.version ?? null,
    });
  },
});

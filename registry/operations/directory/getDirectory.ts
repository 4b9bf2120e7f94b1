/**
 * GET /v1/directory — the service directory (direktori layanan): themes → graphs → subgraphs → types →
 * fields, with classification, personal data, owner agency and the clients holding active grants.
 */
import { z } from 'zod';
import { classifications } from '../../../drizzle/schema/index.ts';
import { buildDirectory } from '../../directory/buildDirectory.ts';
import { requireActor } from '../../http/actor.ts';
import { defineOperation, reply } from '../../http/operation.ts';
import { slug } from '../../publishing/publishInput.ts';
import { DirectoryRepository } from '../../repositories/DirectoryRepository.ts';
import { GraphRepository } from '../../repositories/GraphRepository.ts';
import { ThemeRepository } from '../../repositories/ThemeRepository.ts';
import { UsageRepository } from '../../repositories/UsageRepository.ts';

const field = z.object({
  name: z.string(),
  coordinate: z.string(),
  returnType: z.string(),
  description: z.string(),
  classification: z.enum(classifications),
  personalData: z.boolean(),
  agency: z.string(),
  grantedTo: z.array(
    z.object({ clientId: z.string(), client: z.string(), organization: z.string(), endsAt: z.string() }),
  ),
});

const directory = z
  .object({
    themes: z.array(
      z.object({
        slug: z.string(),
        name: z.string(),
        description: z.string(),
        graphs: z.array(
          z.object({
            name: z.string(),
            description: z.string(),
            themes: z.array(z.string()),
            subgraphs: z.array(
              z.object({
                name: z.string(),
                description: z.string(),
                contact: z.string(),
                agency: z.object({ slug: z.string(), name: z.string() }),
                version: z.number().int(),
                publishedAt: z.string(),
                types: z.array(
                  z.object({
                    name: z.string(),
                    description: z.string(),
                    keys: z.array(z.string()),
                    fields: z.array(field),
                  }),
                ),
              }),
            ),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'Directory' });

export const getDirectory = defineOperation({
  summary: 'Direktori layanan (service directory)',
  tags: ['directory'],
  schema: {
    querystring: z.object({ theme: slug.optional().describe('Hanya tema ini') }),
    response: { 200: directory },
  },
  async handle(deps, { query, request }) {
    requireActor(request);
    const db = deps.database.db;
    const repository = new DirectoryRepository(db);
    const [themes, graphs, subgraphs, fields, grants] = await Promise.all([
      new ThemeRepository(db).list(),
      new GraphRepository(db).list(),
      repository.subgraphs(),
      repository.fields(),
      new UsageRepository(db).activeGrants(null, deps.now()),
    ]);
    const selected =
      query.theme === undefined ? themes : themes.filter((theme) => theme.slug === query.theme);
    return reply(200, { themes: buildDirectory({ themes: selected, graphs, subgraphs, fields, grants }) });
  },
});

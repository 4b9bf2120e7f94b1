/**
 * GET /v1/directory/search?q=nik — full-text search of the service directory over type names, field
 * names and descriptions. The query is reduced to words (letters and digits); results are bounded.
 */
import { z } from 'zod';
import { classifications } from '../../../drizzle/schema/index.ts';
import { ErrorCode, fail } from '../../../lib/errors.ts';
import { searchTermsOf } from '../../directory/searchTerms.ts';
import { graphIncludesTheme } from '../../graphs/membership.ts';
import { requireActor } from '../../http/actor.ts';
import { defineOperation, reply } from '../../http/operation.ts';
import { DirectoryRepository } from '../../repositories/DirectoryRepository.ts';
import { GraphRepository } from '../../repositories/GraphRepository.ts';

const searchResult = z
  .object({
    query: z.string(),
    results: z.array(
      z.object({
        coordinate: z.string(),
        typeName: z.string(),
        fieldName: z.string(),
        returnType: z.string(),
        description: z.string(),
        classification: z.enum(classifications),
        personalData: z.boolean(),
        subgraph: z.string(),
        theme: z.string(),
        agency: z.object({ slug: z.string(), name: z.string() }),
        graphs: z.array(z.string()),
        rank: z.number(),
      }),
    ),
  })
  .meta({ id: 'DirectorySearchResult' });

export const searchDirectory = defineOperation({
  summary: 'Pencarian direktori layanan (search the service directory)',
  tags: ['directory'],
  schema: {
    querystring: z.object({
      q: z.string().min(1).max(200).describe('Kata kunci, mis. nik'),
      limit: z.coerce.number().int().min(1).max(100).default(20),
    }),
    response: { 200: searchResult },
  },
  async handle(deps, { query, request }) {
    requireActor(request);
    const terms = searchTermsOf(query.q);
    if (!terms) {
      return fail(
        ErrorCode.BAD_REQUEST,
        { id: 'Kata kunci harus memuat huruf atau angka.', en: 'The query must contain letters or digits.' },
        { fields: [{ path: 'querystring.q', message: 'no letters or digits', code: 'custom' }] },
      );
    }
    const db = deps.database.db;
    const [hits, graphs] = await Promise.all([
      new DirectoryRepository(db).search(terms, query.limit),
      new GraphRepository(db).list(),
    ]);
    return reply(200, {
      query: terms.text,
      results: hits.map((hit) => ({
        coordinate: hit.coordinate,
        typeName: hit.typeName,
        fieldName: hit.fieldName,
        returnType: hit.returnType,
        description: hit.description,
        classification: hit.classification,
        personalData: hit.personalData,
        subgraph: hit.subgraph,
        theme: hit.theme,
        agency: { slug: hit.agencySlug, name: hit.agencyName },
        graphs: graphs
          .filter((graph) => graphIncludesTheme(graph, hit.theme))
          .map((graph) => graph.name),
        rank: hit.rank,
      })),
    });
  },
});

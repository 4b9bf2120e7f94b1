/**
 * POST /v1/explorer/graphql[/:graph] — the console explorer's same-origin path to the gateway. The
 * console's Content-Security-Policy allows connections to its own origin only, so the explorer sends
 * its GraphQL request here with the requester's API key in `x-penghubung-api-key`; the registry sends
 * the query, variables and operation name (nothing else of the request) to the gateway with the key
 * as `Authorization: Bearer`, and returns the gateway's answer as it is: its status, its JSON (a
 * refused field is the gateway's own FORBIDDEN_FIELD, a wrong key its own 401). The gateway checks
 * the key; the registry only insists on a signed-in requester, so the route is no open relay.
 */
import { z } from 'zod';
import { fail } from '../../../lib/errors.ts';
import { defineOperation, rawReply } from '../../http/operation.ts';
import type { RegistryDeps } from '../../deps.ts';

export const EXPLORER_API_KEY_HEADER = 'x-penghubung-api-key';
/** A GraphQL request typed in the explorer is small; the gateway's own token limits apply after. */
export const EXPLORER_BODY_LIMIT_BYTES = 128 * 1024;
/** The gateway answers within its subgraph timeout (10 s by default); this only ends a hung call. */
export const EXPLORER_TIMEOUT_MS = 30_000;
/** The gateway's answers are bounded by its operation limits; this bounds what the registry holds. */
const MAX_ANSWER_BYTES = 8 * 1024 * 1024;

const graphParams = z.object({
  graph: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,62}$/)
    .describe('Nama graf (default: graf semua tema)'),
});

const graphQLBody = z
  .object({
    query: z.string().min(1).max(EXPLORER_BODY_LIMIT_BYTES),
    variables: z.record(z.string(), z.unknown()).nullable().optional(),
    operationName: z.string().max(200).nullable().optional(),
  })
  .meta({ id: 'ExplorerGraphQLRequest' });

const description =
  'Untuk penjelajah konsol: meneruskan kueri GraphQL ke gateway dengan kunci API dari header ' +
  '`x-penghubung-api-key` (sebagai `Authorization: Bearer`), lalu mengembalikan jawaban gateway apa adanya. ' +
  'For the console explorer: forwards the GraphQL request to the gateway with the API key from ' +
  '`x-penghubung-api-key` and returns the gateway’s answer as it is.';

function apiKeyOf(headers: Record<string, string | string[] | undefined>): string | null {
  const value = headers[EXPLORER_API_KEY_HEADER];
  const key = (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
  // A key is one printable token; anything else would only be refused by the gateway, or split a header.
  return /^[\x21-\x7e]{1,512}$/.test(key) ? key : null;
}

async function forward(deps: RegistryDeps, graph: string | null, apiKey: string, body: z.output<typeof graphQLBody>) {
  const base = deps.config.gatewayInternalUrl?.() ?? null;
  if (!base) {
    return fail('UNAVAILABLE', {
      id: 'Registry ini tidak mengetahui alamat gateway (PENGHUBUNG_GATEWAY_INTERNAL_URL belum diatur). Hubungi operator.',
      en: 'This registry does not know the gateway address (PENGHUBUNG_GATEWAY_INTERNAL_URL is not set). Contact the operator.',
    });
  }
  const url = `${base.replace(/\/+$/, '')}/graphql${graph === null ? '' : `/${graph}`}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({
        query: body.query,
        ...(body.variables ? { variables: body.variables } : {}),
        ...(body.operationName ? { operationName: body.operationName } : {}),
      }),
      redirect: 'manual',
      signal: AbortSignal.timeout(EXPLORER_TIMEOUT_MS),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'TimeoutError') {
      return fail('UPSTREAM_TIMEOUT', {
        id: `Gateway tidak menjawab dalam ${EXPLORER_TIMEOUT_MS / 1000} detik. Coba lagi; bila berulang, hubungi operator.`,
        en: `The gateway did not answer within ${EXPLORER_TIMEOUT_MS / 1000} seconds. Try again; if it keeps happening, contact the operator.`,
      });
    }
    deps.logger.warn({ err: error, url }, 'explorer: gateway unreachable');
    return fail('UPSTREAM_ERROR', {
      id: 'Gateway tidak dapat dihubungi dari registry. Coba lagi sebentar lagi; bila berulang, minta operator memeriksa gateway.',
      en: 'The registry cannot reach the gateway. Try again shortly; if it keeps happening, ask the operator to check the gateway.',
    });
  }
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json') || text.length > MAX_ANSWER_BYTES) {
    return fail('UPSTREAM_ERROR', {
      id: `Gateway menjawab ${response.status} tanpa JSON GraphQL. Minta operator memeriksa alamat gateway.`,
      en: `The gateway answered ${response.status} without GraphQL JSON. Ask the operator to check the gateway address.`,
    });
  }
  return rawReply({ status: response.status, body: text, type: 'application/json; charset=utf-8', headers: { 'cache-control': 'no-store' } });
}

function missingKey() {
  return fail('BAD_REQUEST', {
    id: `Tempelkan kunci API aplikasi Anda (phk_…) di penjelajah; kunci dikirim dalam header ${EXPLORER_API_KEY_HEADER}.`,
    en: `Paste your client's API key (phk_…) into the explorer; it travels in the ${EXPLORER_API_KEY_HEADER} header.`,
  });
}

const common = {
  tags: ['explorer'],
  roles: ['requester'] as const,
  errors: [403, 413, 502, 503, 504],
  bodyLimit: () => EXPLORER_BODY_LIMIT_BYTES,
};

export const forwardExplorerQuery = defineOperation({
  ...common,
  summary: 'Penjelajah: kueri GraphQL ke graf semua tema lewat registry (explorer: GraphQL to the all-themes graph)',
  description,
  schema: { body: graphQLBody, response: { 200: z.unknown().describe('Jawaban gateway (application/json)') }, raw: true },
  async handle(deps, { body, request }) {
    const apiKey = apiKeyOf(request.headers);
    return apiKey ? forward(deps, null, apiKey, body) : missingKey();
  },
});

export const forwardExplorerGraphQuery = defineOperation({
  ...common,
  summary: 'Penjelajah: kueri GraphQL ke satu graf lewat registry (explorer: GraphQL to one graph)',
  description,
  schema: { params: graphParams, body: graphQLBody, response: { 200: z.unknown().describe('Jawaban gateway (application/json)') }, raw: true },
  async handle(deps, { params, body, request }) {
    const apiKey = apiKeyOf(request.headers);
    return apiKey ? forward(deps, params.graph, apiKey, body) : missingKey();
  },
});

import { GraphQLError } from 'graphql';
import { ErrorCode, httpStatusOf, PenghubungError } from '../../lib/errors.ts';
import type { OperationLimits } from '../../lib/config.ts';

export type LimitName = keyof OperationLimits;

const describe: Record<LimitName, { id: string; en: string }> = {
  maxTokens: { id: 'jumlah token dokumen', en: 'document tokens' },
  maxDepth: { id: 'kedalaman field', en: 'field depth' },
  maxAliases: { id: 'jumlah alias', en: 'aliases' },
  maxDirectives: { id: 'jumlah direktif', en: 'directives' },
  maxCost: { id: 'perkiraan biaya operasi', en: 'estimated operation cost' },
  maxVariablesDepth: { id: 'kedalaman variabel', en: 'variables depth' },
  maxVariablesBytes: { id: 'ukuran variabel (byte)', en: 'variables size (bytes)' },
  ratePerSecond: { id: 'permintaan per detik', en: 'requests per second' },
  ratePerMinute: { id: 'permintaan per menit', en: 'requests per minute' },
  maxConcurrent: { id: 'permintaan yang berjalan bersamaan', en: 'requests in flight at once' },
};

/** What `extensions.limit` says about the limit a request hit. */
export interface LimitDetails {
  name: LimitName;
  max: number;
  /** What the request came to, when it was measured to the end (a walk may stop early). */
  found?: number;
  /** Which measure refused it, when two measure the same limit (graphql-armor's cost and ours). */
  measure?: string;
}

function message(details: LimitDetails): { id: string; en: string } {
  const what = describe[details.name];
  const found = details.found === undefined ? '' : `, ditemukan ${details.found}`;
  const foundEn = details.found === undefined ? '' : `, found ${details.found}`;
  return {
    id: `Operasi ditolak: batas ${what.id} adalah ${details.max}${found}. Perkecil operasi atau pecah menjadi beberapa permintaan.`,
    en: `Operation refused: the limit of ${what.en} is ${details.max}${foundEn}. Make the operation smaller or split it into several requests.`,
  };
}

/** An operation over a limit, for the GraphQL pipeline (a validation error, answered 400). */
export function limitGraphQLError(details: LimitDetails): GraphQLError {
  const text = message(details);
  return new GraphQLError(text.id, {
    extensions: {
      code: ErrorCode.OPERATION_LIMIT_EXCEEDED,
      http: { status: httpStatusOf.OPERATION_LIMIT_EXCEEDED },
      messageEn: text.en,
      limit: { ...details },
    },
  });
}

/** A request over a limit, refused before GraphQL (variables). */
export function limitExceeded(details: LimitDetails): PenghubungError {
  return new PenghubungError(ErrorCode.OPERATION_LIMIT_EXCEEDED, message(details), { limit: { ...details } });
}

/** More requests than the key may send: 429 with when to retry. */
export function rateLimited(details: LimitDetails & { retryAfterSeconds: number }): PenghubungError {
  const what = describe[details.name];
  return new PenghubungError(
    ErrorCode.RATE_LIMITED,
    {
      id: `Terlalu banyak permintaan: batas kunci API ini ${details.max} ${what.id}. Coba lagi dalam ${details.retryAfterSeconds} detik.`,
      en: `Too many requests: this API key's limit is ${details.max} ${what.en}. Retry in ${details.retryAfterSeconds} seconds.`,
    },
    { limit: { name: details.name, max: details.max }, retryAfterSeconds: details.retryAfterSeconds },
  );
}

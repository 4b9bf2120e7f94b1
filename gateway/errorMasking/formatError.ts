/**
 * What a client may read of an error (STYLE.md rule 11). The gateway answers with the codes of our
 * vocabulary (lib/errors.ts `ErrorCode`) and the GraphQL request-error codes
 * (`GRAPHQL_REQUEST_ERROR_CODES`); any other error — a database error naming its host, a bug's
 * message — becomes INTERNAL with a fixed text, and its detail is logged by the plugin beside this
 * file with the request id the client also receives.
 *
 * Messages that could describe the hidden schema are cut: graphql-js's "Did you mean …?"
 * suggestions name fields and types the requester was not granted, and the messages about a field's
 * arguments name them and their types. A requester learns the schema it may see from the filtered
 * introspection, not from errors.
 */
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { ErrorCode, GRAPHQL_REQUEST_ERROR_CODES, graphQLExtensionsOf, httpStatusOf } from '../../lib/errors.ts';
import type { PenghubungError } from '../../lib/errors.ts';

const OUR_CODES: ReadonlySet<string> = new Set(Object.values(ErrorCode));

/** The extension keys our errors carry; anything else (stack traces, a subgraph's internals) is left out. */
const KEPT_EXTENSIONS = [
  'code',
  'messageEn',
  'details',
  'limit',
  'deniedCoordinates',
  // CONDITION_FAILED: which grant condition refused (at the gateway, or from a subgraph's guard).
  'failedConditions',
  'coordinate',
  'condition',
  'argument',
  'howToRequest',
  'howToRequestEn',
  'requestId',
] as const;

export const INTERNAL_MESSAGE = {
  id: 'Terjadi kesalahan internal pada gateway. Sebutkan id permintaan ini bila menghubungi operator.',
  en: 'An internal error occurred at the gateway. Quote this request id when contacting the operator.',
};

const SUGGESTION = /\s*Did you mean [^?]*\?/g;
/** graphql-js messages that name a field's arguments or their types. */
const ARGUMENT_DETAIL = /^(?:Field "([^"]+)" argument "[^"]+" of type "[^"]+" is required, but it was not provided\.|Unknown argument "[^"]+" on field "([^"]+)"\.)/;
const TOKEN_LIMIT = /Document contains more th(?:an|at) (\d+) tokens/;

/** The code that stands for `error`: its own, or the one of the error it wraps (validation wraps ours). */
export function codeOf(error: unknown): string | undefined {
  let current: unknown = error;
  let outer: string | undefined;
  for (let depth = 0; depth < 8 && current instanceof Error; depth += 1) {
    const code = current instanceof GraphQLError ? current.extensions['code'] : undefined;
    if (typeof code === 'string') {
      // Our code inside a wrapper (Apollo's ValidationError around a limit refusal) wins.
      if (OUR_CODES.has(code)) return code;
      outer ??= code;
    }
    current = (current as { originalError?: unknown }).originalError;
  }
  return outer;
}

/** The innermost GraphQL error carrying `code`, whose extensions are the ones to keep. */
function carrierOf(error: unknown, code: string): GraphQLError | undefined {
  let current: unknown = error;
  let found: GraphQLError | undefined;
  for (let depth = 0; depth < 8 && current instanceof Error; depth += 1) {
    if (current instanceof GraphQLError && current.extensions['code'] === code) found = current;
    current = (current as { originalError?: unknown }).originalError;
  }
  return found;
}

/** Whether the client may see `error` as it is (after trimming); false means it is masked as INTERNAL. */
export function isClientError(formatted: GraphQLFormattedError, error: unknown): boolean {
  const code = codeOf(error) ?? (formatted.extensions?.['code'] as string | undefined);
  return code !== undefined && (OUR_CODES.has(code) || GRAPHQL_REQUEST_ERROR_CODES.has(code));
}

/** Apollo Server's `formatError`: our codes through, trimmed; everything else masked. */
export function maskError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = codeOf(error) ?? (formatted.extensions?.['code'] as string | undefined);
  if (code === 'GRAPHQL_PARSE_FAILED') {
    const tokens = TOKEN_LIMIT.exec(formatted.message);
    if (tokens) return tokenLimit(Number(tokens[1]));
  }
  if (code === undefined || !(OUR_CODES.has(code) || GRAPHQL_REQUEST_ERROR_CODES.has(code))) {
    return {
      message: INTERNAL_MESSAGE.id,
      extensions: { code: ErrorCode.INTERNAL, messageEn: INTERNAL_MESSAGE.en },
    };
  }
  const source = carrierOf(error, code)?.extensions ?? formatted.extensions ?? {};
  const extensions: Record<string, unknown> = {};
  for (const key of KEPT_EXTENSIONS) if (source[key] !== undefined) extensions[key] = source[key];
  extensions['code'] = code;
  let message = formatted.message;
  if (code === 'GRAPHQL_VALIDATION_FAILED' || code === 'GRAPHQL_PARSE_FAILED') {
    const argument = ARGUMENT_DETAIL.exec(message);
    if (argument) {
      const field = argument[1] ?? argument[2] ?? '';
      message = `Argumen field "${field}" tidak sesuai skema.`;
      extensions['messageEn'] = `The arguments of field "${field}" do not match the schema.`;
    } else {
      message = message.replace(SUGGESTION, '');
    }
  }
  return {
    message,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions,
  };
}

function tokenLimit(max: number): GraphQLFormattedError {
  return {
    message: `Operasi ditolak: batas jumlah token dokumen adalah ${max}. Perkecil operasi atau pecah menjadi beberapa permintaan.`,
    extensions: {
      code: ErrorCode.OPERATION_LIMIT_EXCEEDED,
      messageEn: `Operation refused: the limit of document tokens is ${max}. Make the operation smaller or split it into several requests.`,
      limit: { name: 'maxTokens', max },
    },
  };
}

export const OPERATION_LIMIT_STATUS = httpStatusOf.OPERATION_LIMIT_EXCEEDED;

/**
 * The answer body for one of our errors raised outside GraphQL execution (an unknown graph, a refused
 * request, the access log unavailable): the same `errors[].extensions` as `maskError` keeps, with the
 * limit a refusal names and the request id.
 */
export function graphQLErrorBody(error: PenghubungError, requestId?: string): string {
  const details = error.details as { limit?: unknown } | undefined;
  return JSON.stringify({
    errors: [
      {
        message: error.message,
        extensions: {
          ...graphQLExtensionsOf(error),
          ...(details?.limit === undefined ? {} : { limit: details.limit }),
          ...(requestId === undefined ? {} : { requestId }),
        },
      },
    ],
  });
}

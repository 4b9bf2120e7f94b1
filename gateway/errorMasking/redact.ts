/**
 * What the server log may read of a masked error. The client gets INTERNAL and a request id
 * (./formatError.ts); the operator gets the error's message under that id, to find the fault. But
 * an internal message can quote the request that caused it (a subgraph's "no resident with NIK
 * 3501…", a database error echoing a parameter, a URL with its password), and the server log is
 * read by more people, kept longer and copied further than the access log, which masks all of it.
 * So before a message is logged:
 * - every value the request carried, in its variables or written in its document, is replaced by
 *   `[nilai permintaan]` (`request value`), longest first;
 * - NIK- and NIP-shaped runs of digits are masked as the access log masks them;
 * - credentials are cut: a URL's password, a `Bearer` token, an API key (`phk_…`), and the value of
 *   a `password=`/`secret=`/`token=`-like pair.
 * The error's kind and the rest of its text stay, which is what the operator needs.
 */
import { visit, type DocumentNode } from 'graphql';
import { maskIdentifier } from '../../lib/ledger/mask.ts';

export const REQUEST_VALUE = '[nilai permintaan]';

/** Values shorter than this are left in place: "1" or "ok" would blank out the message, not protect anyone. */
const MIN_VALUE_LENGTH = 3;
/** Bounds of the walk over a request's variables (they were bounded at admission; the log must not trust that). */
const MAX_VALUES = 2_000;
const MAX_DEPTH = 64;

const EMBEDDED_IDENTIFIER = /(?<!\d)(?:\d{18}|\d{16})(?!\d)/g;
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*):[^\s@/]*@/gi;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
const API_KEY = /\bphk_[A-Za-z0-9]+_[A-Za-z0-9_-]+/g;
const SECRET_PAIR = /\b([A-Za-z_]*(?:password|passwd|sandi|secret|token|apikey|api_key)[A-Za-z_]*)(\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s,;&]+)/gi;

/** The texts a request carried: string and number leaves of its variables, literal values of its document. */
export function requestValues(variables: unknown, document: DocumentNode | undefined): string[] {
  const values = new Set<string>();
  const stack: { value: unknown; depth: number }[] = [{ value: variables, depth: 0 }];
  while (stack.length > 0 && values.size < MAX_VALUES) {
    const { value, depth } = stack.pop()!;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint') {
      const text = String(value).trim();
      if (text.length >= MIN_VALUE_LENGTH) values.add(text);
    } else if (value !== null && typeof value === 'object' && depth < MAX_DEPTH) {
      for (const member of Array.isArray(value) ? value : Object.values(value)) stack.push({ value: member, depth: depth + 1 });
    }
  }
  if (document) {
    const add = (node: { value: string }): void => {
      const text = node.value.trim();
      if (text.length >= MIN_VALUE_LENGTH && values.size < MAX_VALUES) values.add(text);
    };
    visit(document, { StringValue: add, IntValue: add, FloatValue: add });
  }
  return [...values];
}

/** `text` with the request's values, identifiers and credentials taken out (see the file comment). */
export function redactForLog(text: string, values: readonly string[]): string {
  let out = text;
  for (const value of [...values].sort((a, b) => b.length - a.length)) {
    if (out.includes(value)) out = out.split(value).join(REQUEST_VALUE);
  }
  return out
    .replace(URL_PASSWORD, '$1:***@')
    .replace(BEARER, '$1 ***')
    .replace(API_KEY, 'phk_***')
    .replace(SECRET_PAIR, '$1$2***')
    .replace(EMBEDDED_IDENTIFIER, (digits) => maskIdentifier(digits));
}

/** An error's message and, one level down, its cause. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const original = (error as { originalError?: unknown }).originalError;
  const inner = original instanceof Error ? original : error.cause instanceof Error ? error.cause : undefined;
  return inner && inner !== error ? `${error.message}: ${inner.message}` : error.message;
}

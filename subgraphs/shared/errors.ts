import { GraphQLError } from 'graphql';
import { ErrorCode, PenghubungError } from '../../lib/errors.ts';
import type { Message } from '../../lib/errors.ts';

/** A `PenghubungError` as the GraphQL error a client reads: `extensions.code`, `messageEn`, details. */
export function toGraphQLError(
  error: PenghubungError,
  extensions: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(error.message, {
    originalError: error,
    extensions: {
      code: error.code,
      messageEn: error.messageEn,
      ...(error.details === undefined ? {} : { details: error.details }),
      ...extensions,
    },
  });
}

/** A wrong argument from the caller (a NIK that is not 16 digits, …). */
export function badInput(message: Message, details?: unknown): GraphQLError {
  return toGraphQLError(new PenghubungError(ErrorCode.BAD_REQUEST, message, details));
}

export const NIK_PATTERN = /^\d{16}$/;
export const NOMOR_KK_PATTERN = /^\d{16}$/;
export const NIP_PATTERN = /^\d{18}$/;

/** Throws a BAD_REQUEST GraphQL error unless `value` matches; the value itself is not echoed (personal data). */
export function assertIdentifier(value: string, pattern: RegExp, message: Message): string {
  if (!pattern.test(value)) throw badInput(message);
  return value;
}

/**
 * The one place registry errors become responses, all as `{ code, message, messageEn, details }`:
 * a PenghubungError with its own status; a request that fails its zod schema as 400 with the path of
 * every invalid field; a body over the limit as 413; other client errors fastify raises (bad JSON,
 * unsupported media type) with their status; anything else as 500, logged with detail and masked.
 *
 * `message` is Indonesian unless the request's `Accept-Language` prefers English (`en`, `en-US`, or
 * English ranked above Indonesian): then it is the English text, for every error alike, and so are
 * the messages of invalid fields. `messageEn` is always English.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DATABASE_RETRY_AFTER_SECONDS, databaseUnavailable, isDatabaseUnavailable } from '../../lib/databaseFaults.ts';
import { ErrorCode, errorBodyOf, httpStatusOf, isPenghubungError } from '../../lib/errors.ts';
import type { ErrorBody } from '../../lib/errors.ts';
import { loggableError } from '../../lib/sqlErrors.ts';
import { COMPOSITION_RETRY_AFTER_SECONDS } from '../checks/index.ts';
import { describeIssue } from '../../lib/validation/messages.ts';
import { prefersEnglish } from './language.ts';

export interface InvalidField {
  /** Where the problem is: `body.routingUrl`, `params.version`, `querystring.q`. */
  path: string;
  /** What is wrong, in Indonesian (lib/validation/messages.ts). */
  message: string;
  messageEn: string;
  code: string;
}

function send(reply: FastifyReply, status: number, body: ErrorBody): FastifyReply {
  if (prefersEnglish(reply.request.headers['accept-language'])) {
    const details = body.details as { fields?: InvalidField[] } | null;
    const fields = Array.isArray(details?.fields) ? details.fields.map((field) => ({ ...field, message: field.messageEn })) : undefined;
    body = { ...body, message: body.messageEn, ...(fields ? { details: { ...details, fields } } : {}) };
  }
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (isPenghubungError(error)) {
      if (error.code === ErrorCode.COMPOSITION_UNAVAILABLE) {
        reply.header('retry-after', String(COMPOSITION_RETRY_AFTER_SECONDS));
      }
      const retryAfter = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
      if (error.code === ErrorCode.RATE_LIMITED && typeof retryAfter === 'number') {
        reply.header('retry-after', String(retryAfter));
      }
      return send(reply, error.status, errorBodyOf(error));
    }
    if (isDatabaseUnavailable(error)) {
      // An outage or a timeout, not a bug: the client may retry, and nothing was changed half-way
      // (every registry change runs in one transaction).
      request.log.warn({ err: error }, 'database unavailable');
      const unavailable = databaseUnavailable(error);
      reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
      return send(reply, unavailable.status, errorBodyOf(unavailable));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const context = (error as { validationContext?: string }).validationContext ?? 'body';
      const fields: InvalidField[] = error.validation.map((issue) => {
        const described = describeIssue({ ...(issue.params as object), code: issue.keyword, message: issue.message });
        return {
          path: [context, ...issue.instancePath.split('/').filter((part) => part !== '')].join('.'),
          message: described.id,
          messageEn: described.en,
          code: issue.keyword,
        };
      });
      const list = (lang: 'id' | 'en') =>
        fields.map((field) => `${field.path} (${lang === 'id' ? field.message : field.messageEn})`).join('; ');
      return send(reply, 400, {
        code: ErrorCode.BAD_REQUEST,
        message: `Permintaan tidak valid: ${list('id')}.`,
        messageEn: `Invalid request: ${list('en')}.`,
        details: { fields },
      });
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return send(reply, httpStatusOf.PAYLOAD_TOO_LARGE, {
        code: ErrorCode.PAYLOAD_TOO_LARGE,
        message: 'Isi permintaan melebihi batas ukuran.',
        messageEn: 'The request body is larger than allowed.',
        details: null,
      });
    }
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status >= 400 && status < 500) {
      return send(reply, status, {
        code: status === 404 ? ErrorCode.NOT_FOUND : ErrorCode.BAD_REQUEST,
        message: `Permintaan tidak dapat diproses: ${error.message}`,
        messageEn: `The request could not be processed: ${error.message}`,
        details: error.code ? { fastifyCode: error.code } : null,
      });
    }
    request.log.error({ err: loggableError(error) }, 'unexpected registry error');
    return send(reply, 500, {
      code: ErrorCode.INTERNAL,
      message:
        'Terjadi kesalahan internal pada registry. Hubungi administrator dengan menyebut ID permintaan.',
      messageEn: 'The registry had an internal error. Contact the administrator quoting the request id.',
      details: { requestId: request.id },
    });
  });

  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) =>
    send(reply, 404, {
      code: ErrorCode.NOT_FOUND,
      message: `Rute ${request.method} ${request.url.split('?')[0] ?? ''} tidak ada.`,
      messageEn: `No route ${request.method} ${request.url.split('?')[0] ?? ''}.`,
      details: null,
    }),
  );
}

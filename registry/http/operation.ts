/**
 * The shape of one registry operation (one file under `registry/operations/<domain>/`): the roles
 * that may call it, its zod schemas, which document it in OpenAPI and validate the request, and a
 * handler that receives the parsed input, the caller and the registry's dependencies and returns a
 * `Result`. The route map (`registry/routes.ts`) binds each operation to a method and URL;
 * `registerOperation` checks the declared roles, turns a failed Result into the error response
 * (status from its code), and a success into `status` + `body`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorCode, ok, PenghubungError } from '../../lib/errors.ts';
import type { UserRole } from '../../drizzle/schema/index.ts';
import { requireActor } from './actor.ts';
import type { Actor } from './actor.ts';
import type { Result } from '../../lib/errors.ts';
import type { RegistryDeps } from '../deps.ts';

/** The JSON body of every error response. */
export const errorBody = z
  .object({
    code: z.string().describe('Kode kesalahan (ErrorCode)'),
    message: z.string().describe('Pesan dalam bahasa Indonesia'),
    messageEn: z.string().describe('The message in English'),
    details: z.unknown().describe('Rincian: laporan pemeriksaan, field yang tidak valid, …'),
  })
  .meta({ id: 'Error' });

export type ResponseSchemas = Record<number, z.ZodType>;

export interface OperationSchema {
  params?: z.ZodType;
  querystring?: z.ZodType;
  body?: z.ZodType;
  /** Success responses. Error responses (`errorBody`) are added for the documented `errors` codes. */
  response: ResponseSchemas;
  /** Responses that are plain text (`text/plain`), such as SDL downloads. */
  text?: boolean;
  /**
   * Responses sent as the handler gives them (a stream, a Buffer, an HTML page) with the content type
   * and headers of its reply; `response` only documents them.
   */
  raw?: boolean;
}

type Parsed<T> = T extends z.ZodType ? z.output<T> : undefined;

export interface OperationInput<S extends OperationSchema> {
  params: Parsed<S['params']>;
  query: Parsed<S['querystring']>;
  body: Parsed<S['body']>;
  /** The authenticated caller, holding one of the operation's `roles` when it declares them. */
  actor: Actor;
  request: FastifyRequest;
  /** For what a Result cannot say: setting or clearing the session cookie. */
  httpReply: FastifyReply;
}

/** A success: one of the declared response statuses with its body. */
export type OperationReply<S extends OperationSchema> = S['raw'] extends true
  ? RawReply
  : {
      [K in keyof S['response'] & number]: { status: K; body: z.input<S['response'][K]> };
    }[keyof S['response'] & number];

/** A success of a `raw` operation: sent as it is, with its content type and headers. */
export interface RawReply {
  status: number;
  body: unknown;
  type: string;
  headers?: Record<string, string>;
}

export interface Operation<S extends OperationSchema> {
  summary: string;
  description?: string;
  tags: string[];
  /** False for routes anyone may call (signing in and out: POST and DELETE /v1/session). */
  authenticated?: boolean;
  /**
   * The roles that may call it; any other gets 403 before its input is validated, so the error
   * messages of a route's schema tell nothing to a caller who may not use it. Omitted: every
   * authenticated role (the handler decides, e.g. by agency).
   */
  roles?: readonly UserRole[];
  /** Error statuses worth documenting in OpenAPI. */
  errors?: number[];
  /** A larger request body limit for this route, in bytes. */
  bodyLimit?: (deps: RegistryDeps) => number;
  schema: S;
  handle(deps: RegistryDeps, input: OperationInput<S>): Promise<Result<OperationReply<S>>>;
}

/** A successful reply: `return reply(201, body)` keeps the status as a literal for the type check. */
export function reply<const Status extends number, Body>(
  status: Status,
  body: Body,
): Result<{ status: Status; body: Body }> {
  return ok({ status, body });
}

/** A successful reply of a `raw` operation: a stream, Buffer or string sent with its content type. */
export function rawReply(value: RawReply): Result<RawReply> {
  return ok(value);
}

/** Identity function that lets TypeScript infer `S` from the schema literal. */
export function defineOperation<S extends OperationSchema>(operation: Operation<S>): Operation<S> {
  return operation;
}

export interface RouteEntry {
  method: HTTPMethods;
  url: string;
  // The map holds operations of many schemas; each was type-checked where it was defined.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  operation: Operation<any>;
}

export function registerOperation(app: FastifyInstance, deps: RegistryDeps, entry: RouteEntry): void {
  const { operation } = entry;
  const response: Record<number | string, unknown> = {};
  for (const [status, schema] of Object.entries(operation.schema.response as ResponseSchemas)) {
    response[status] = operation.schema.text
      ? { description: 'OK', content: { 'text/plain': { schema } } }
      : schema;
  }
  for (const status of [
    ...new Set([...(operation.errors ?? []), 400, 500, ...(operation.authenticated === false ? [] : [401])]),
  ]) {
    response[status] = errorBody;
  }
  app.withTypeProvider<ZodTypeProvider>().route({
    method: entry.method,
    url: entry.url,
    ...(operation.bodyLimit ? { bodyLimit: operation.bodyLimit(deps) } : {}),
    // Plain-text routes send the string as it is; their error bodies are still JSON.
    ...(operation.schema.text
      ? {
          serializerCompiler: () => (data: unknown) =>
            typeof data === 'string' ? data : JSON.stringify(data),
        }
      : {}),
    schema: {
      summary: operation.summary,
      ...(operation.description ? { description: operation.description } : {}),
      tags: operation.tags,
      ...(operation.authenticated === false ? {} : { security: [{ bearerAuth: [] }, { sessionCookie: [] }] }),
      ...(operation.schema.params ? { params: operation.schema.params } : {}),
      ...(operation.schema.querystring ? { querystring: operation.schema.querystring } : {}),
      ...(operation.schema.body ? { body: operation.schema.body } : {}),
      response,
    },
    // Who is asking is settled before the body is read for validation: an anonymous caller learns
    // nothing of a route's body schema from a 400.
    ...(operation.authenticated === false
      ? {}
      : {
          onRequest: async (request: FastifyRequest) => {
            requireActor(request);
          },
        }),
    preValidation: async (request: FastifyRequest) => {
      if (operation.roles) requireActor(request, ...(operation.roles as UserRole[]));
      const where = controlCharacterIn(request.body) ?? controlCharacterIn(request.query) ?? controlCharacterIn(request.params);
      if (where !== null) throw controlCharacterRefused(where);
    },
    handler: async (request: FastifyRequest, reply: FastifyReply) => {
      const result = await operation.handle(deps, {
        params: request.params,
        query: request.query,
        body: request.body,
        // Read from the request when asked: an operation open to anyone never asks.
        get actor() {
          return requireActor(request);
        },
        request,
        httpReply: reply,
      });
      if (!result.ok) throw result.error;
      const { status, body, type, headers } = result.value as Partial<RawReply> & { status: number };
      reply.code(status);
      if (operation.schema.text) reply.type('text/plain; charset=utf-8');
      if (type !== undefined) reply.type(type);
      for (const [name, value] of Object.entries(headers ?? {})) reply.header(name, value);
      return reply.send(body);
    },
  });
}

/**
 * Where a text of the request holds a control character other than tab, line feed and carriage
 * return (NUL, ESC, DEL…): such text is never meant, PostgreSQL refuses NUL outright, and a log or
 * terminal that prints the rest can be misled. Iterative, so a deeply nested body cannot overflow it.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
export function controlCharacterIn(value: unknown): string | null {
  const stack: { value: unknown; path: string }[] = [{ value, path: '' }];
  let seen = 0;
  while (stack.length > 0 && seen < 1_000_000) {
    const current = stack.pop()!;
    seen += 1;
    if (typeof current.value === 'string') {
      if (CONTROL_CHARACTER.test(current.value)) return current.path || '(body)';
    } else if (current.value !== null && typeof current.value === 'object') {
      for (const [key, member] of Object.entries(current.value)) {
        const path = current.path ? `${current.path}.${key}` : key;
        if (CONTROL_CHARACTER.test(key)) return path;
        stack.push({ value: member, path });
      }
    }
  }
  return null;
}

function controlCharacterRefused(where: string): PenghubungError {
  return new PenghubungError(
    ErrorCode.BAD_REQUEST,
    {
      id: `Teks pada "${where}" memuat karakter kendali (mis. NUL); hapus karakter itu.`,
      en: `The text at "${where}" holds a control character (e.g. NUL); remove it.`,
    },
    { field: where },
  );
}

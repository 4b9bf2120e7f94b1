/**
 * The shape of one registry operation (one file under `registry/operations/<domain>/`): its zod
 * schemas, which document it in OpenAPI and validate the request, and a handler that receives the
 * parsed input and the registry's dependencies and returns a `Result`. The route map
 * (`registry/routes.ts`) binds each operation to a method and URL; `registerOperation` turns a failed
 * Result into the error response (status from its code), and a success into `status` + `body`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ok } from '../../lib/errors.ts';
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
}

type Parsed<T> = T extends z.ZodType ? z.output<T> : undefined;

export interface OperationInput<S extends OperationSchema> {
  params: Parsed<S['params']>;
  query: Parsed<S['querystring']>;
  body: Parsed<S['body']>;
  request: FastifyRequest;
}

/** A success: one of the declared response statuses with its body. */
export type OperationReply<S extends OperationSchema> = {
  [K in keyof S['response'] & number]: { status: K; body: z.input<S['response'][K]> };
}[keyof S['response'] & number];

export interface Operation<S extends OperationSchema> {
  summary: string;
  description?: string;
  tags: string[];
  /** False for routes anyone may call (none of the /v1 routes today). */
  authenticated?: boolean;
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
      ...(operation.authenticated === false ? {} : { security: [{ bearerAuth: [] }] }),
      ...(operation.schema.params ? { params: operation.schema.params } : {}),
      ...(operation.schema.querystring ? { querystring: operation.schema.querystring } : {}),
      ...(operation.schema.body ? { body: operation.schema.body } : {}),
      response,
    },
    handler: async (request: FastifyRequest, reply: FastifyReply) => {
      const result = await operation.handle(deps, {
        params: request.params,
        query: request.query,
        body: request.body,
        request,
      });
      if (!result.ok) throw result.error;
      const { status, body } = result.value as { status: number; body: unknown };
      reply.code(status);
      if (operation.schema.text) reply.type('text/plain; charset=utf-8');
      return reply.send(body);
    },
  });
}

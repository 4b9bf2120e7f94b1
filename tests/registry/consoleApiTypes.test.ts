/**
 * The console's API types (console/src/api/openapi.ts) are generated from the registry's OpenAPI
 * document: the committed file must be what the registry's routes describe now, and every route that
 * answers a body describes it (the three that answer 204 aside).
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CONSOLE_API_TYPES_FILE, consoleApiTypes, registryOpenApiDocument } from '../../scripts/consoleApiTypes.ts';

describe('the console’s API types', () => {
  it('are up to date with the registry’s routes (else: npm run console:api-types)', async () => {
    const committed = await readFile(CONSOLE_API_TYPES_FILE, 'utf8');
    const wanted = await consoleApiTypes();
    expect(committed === wanted, 'console/src/api/openapi.ts is stale: run npm run console:api-types and commit it').toBe(true);
  }, 60_000);

  it('cover every route’s answer but the three that answer nothing', async () => {
    const document = await registryOpenApiDocument();
    const withoutBody: string[] = [];
    for (const [path, operations] of Object.entries(document.paths ?? {})) {
      for (const [method, operation] of Object.entries(operations as Record<string, { responses?: Record<string, { content?: unknown }> }>)) {
        const answers = Object.entries(operation.responses ?? {}).filter(([status]) => status.startsWith('2'));
        if (!answers.some(([, answer]) => answer.content !== undefined)) withoutBody.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(withoutBody.sort()).toEqual(['DELETE /v1/session', 'POST /v1/inbox/seen', 'PUT /v1/session/password']);
  }, 60_000);
});

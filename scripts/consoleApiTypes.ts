/**
 * The console's API types, generated from the registry's own OpenAPI document (the zod schemas of
 * its routes), so that the console's pages and the registry cannot drift apart unnoticed. The
 * document is taken from a registry built in this process on an in-memory database: no server
 * runs, nothing is migrated (describing the routes reads no table).
 *
 * `npm run console:api-types` writes console/src/api/openapi.ts; tests/registry/consoleApiTypes.test.ts
 * fails while the committed file differs from what the registry's routes describe now.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import type { OpenAPI3 } from 'openapi-typescript';
import { openMemoryDatabase } from '../drizzle/database.ts';
import { buildRegistryWithDeps } from '../registry/buildRegistry.ts';

export const CONSOLE_API_TYPES_FILE = fileURLToPath(new URL('../console/src/api/openapi.ts', import.meta.url));

const HEADER = `/**
 * Generated from the registry's OpenAPI document by \`npm run console:api-types\`
 * (scripts/consoleApiTypes.ts): do not edit; change the registry's route schemas and regenerate.
 */
`;

/** The registry's OpenAPI document, as GET /openapi.json answers it. */
export async function registryOpenApiDocument(): Promise<OpenAPI3> {
  const database = await openMemoryDatabase();
  try {
    const { app } = await buildRegistryWithDeps({
      database,
      config: { maxSchemaBytes: 64 * 1024, trafficWindowDays: 30, logLevel: 'silent' },
    });
    try {
      await app.ready();
      return app.swagger() as OpenAPI3;
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
  }
}

/** The text of console/src/api/openapi.ts for the registry's routes as they are now. */
export async function consoleApiTypes(): Promise<string> {
  const ast = await openapiTS(await registryOpenApiDocument(), { alphabetize: true });
  return HEADER + astToString(ast);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  consoleApiTypes()
    .then(async (text) => {
      await writeFile(CONSOLE_API_TYPES_FILE, text);
      process.stdout.write(`written: ${path.relative(process.cwd(), CONSOLE_API_TYPES_FILE)}\n`);
    })
    .catch((error: unknown) => {
      process.stderr.write(`console API types failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    });
}

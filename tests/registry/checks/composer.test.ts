import { afterEach, describe, expect, it } from 'vitest';
import { composeGraph, createComposer } from '../../../registry/checks/index.ts';
import type { Composer } from '../../../registry/checks/index.ts';
import { isPenghubungError } from '../../../lib/errors.ts';
import { sdl } from './fixtures.ts';

const kependudukan = { name: 'kependudukan', url: 'http://127.0.0.1:4001/graphql', sdl: sdl('penduduk.v1') };
const kepegawaian = { name: 'kepegawaian', url: 'http://127.0.0.1:4002/graphql', sdl: sdl('kepegawaian') };

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])\n';
/** Composes for tens of seconds. */
const slow = {
  name: 'lambat',
  url: 'http://lambat.invalid/graphql',
  sdl: `${LINK}type Query {\n${Array.from({ length: 20_000 }, (_, i) => `  f${i}: String`).join('\n')}\n}\n`,
};

async function codeOf(promise: Promise<unknown>): Promise<{ code: string; details: unknown }> {
  try {
    await promise;
  } catch (error) {
    if (isPenghubungError(error)) return { code: error.code, details: error.details };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('composer', () => {
  let composer: Composer | undefined;
  afterEach(async () => {
    await composer?.close();
  });

  it('gives in its worker the same outcome as composeGraph in this thread', async () => {
    composer = createComposer();
    expect(await composer.compose([kependudukan, kepegawaian])).toEqual(composeGraph([kependudukan, kepegawaian]));
    const failing = await composer.compose([kependudukan, kependudukan]);
    expect(failing).toMatchObject({ ok: false, errors: [{ code: 'DUPLICATE_SUBGRAPH_NAME' }] });
  });

  it('stops a composition at its budget and composes the next one in a fresh worker', async () => {
    composer = createComposer({ timeoutMs: 1_000 });
    expect(await codeOf(composer.compose([slow]))).toEqual({
      code: 'COMPOSITION_TIMEOUT',
      details: { timeoutMs: 1_000, subgraphs: ['lambat'] },
    });
    expect(await composer.compose([kependudukan])).toMatchObject({ ok: true });
  });

  it('refuses at once when too many compositions wait, and after it is closed', async () => {
    composer = createComposer({ timeoutMs: 2_000, maxQueue: 1 });
    await composer.compose([kependudukan]); // the worker is up and idle
    const running = composer.compose([slow]);
    const waiting = composer.compose([kependudukan]);
    expect(await codeOf(composer.compose([kependudukan]))).toMatchObject({
      code: 'COMPOSITION_UNAVAILABLE',
      details: { reason: 'queue' },
    });
    expect(await codeOf(running)).toMatchObject({ code: 'COMPOSITION_TIMEOUT' });
    expect(await waiting).toMatchObject({ ok: true });
    await composer.close();
    expect(await codeOf(composer.compose([kependudukan]))).toMatchObject({
      code: 'COMPOSITION_UNAVAILABLE',
      details: { reason: 'closed' },
    });
  });
});

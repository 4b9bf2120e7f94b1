import { z } from 'zod';
import { ErrorCode, fail } from '../../../lib/errors.ts';
import type { Result } from '../../../lib/errors.ts';
import { slug } from '../../publishing/publishInput.ts';

export const graphParams = z.object({ name: slug });

export function graphNotFound<T>(name: string): Result<T> {
  return fail(ErrorCode.NOT_FOUND, { id: `Graf '${name}' tidak ada.`, en: `No graph '${name}'.` }, { name });
}

export function notComposedYet<T>(name: string): Result<T> {
  return fail(
    ErrorCode.NOT_FOUND,
    {
      id: `Graf '${name}' belum memiliki supergraph: belum ada subgraph yang diterbitkan di dalamnya.`,
      en: `Graph '${name}' has no supergraph yet: no subgraph has been published into it.`,
    },
    { name },
  );
}

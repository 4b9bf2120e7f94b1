import { z } from 'zod';
import { ErrorCode, fail } from '../../../lib/errors.ts';
import type { Result } from '../../../lib/errors.ts';
import { subgraphName } from '../../publishing/publishInput.ts';

export const subgraphParams = z.object({ name: subgraphName });

export function subgraphNotFound<T>(name: string): Result<T> {
  return fail(
    ErrorCode.NOT_FOUND,
    { id: `Subgraph '${name}' tidak ada.`, en: `No subgraph '${name}'.` },
    { name },
  );
}

export const subgraphSummary = z.object({
  name: z.string(),
  agency: z.string(),
  agencyName: z.string(),
  theme: z.string(),
  routingUrl: z.string(),
  description: z.string(),
  contact: z.string(),
});

import type { RegistryDeps } from '../deps.ts';
import { resolveEvaluationOptions } from './options.ts';
import type { ResolvedEvaluationOptions } from './options.ts';

/** What the evaluation's work receives: the registry's dependencies and their resolved options. */
export type EvaluationDeps = Pick<RegistryDeps, 'database' | 'now' | 'logger'> & { evaluation: ResolvedEvaluationOptions };

/** The evaluation's dependencies, its settings read from the registry configuration (see options.ts). */
export function evaluationDepsOf(deps: RegistryDeps): EvaluationDeps {
  return { database: deps.database, now: deps.now, logger: deps.logger, evaluation: resolveEvaluationOptions(deps) };
}

/**
 * Evaluator or administrator only (monitoring and evaluation through the access log: Perbup Pacitan
 * 138/2023 Pasal 8, Perwali Baubau 32/2024 Pasal 9(3)); any other role gets 403 before its query is
 * validated, so a requester learns nothing about the filters from error messages.
 */
export const EVALUATION_ROLES = ['evaluator', 'administrator'] as const;

/** The OpenAPI tag of the evaluation's operations (`registry/operations/evaluation/`). */
export const EVALUATION_TAG = 'evaluasi';

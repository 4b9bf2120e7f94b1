import type { RegistryDeps } from '../deps.ts';
import type { ResolvedEvaluationOptions } from './options.ts';

/** What the evaluation operations receive: the registry's dependencies and their resolved options. */
export type EvaluationDeps = Pick<RegistryDeps, 'database' | 'now' | 'logger'> & { evaluation: ResolvedEvaluationOptions };

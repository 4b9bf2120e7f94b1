/**
 * Operation limits of the gateway, one concern in one folder (STYLE.md rule 4):
 * - `serverOptions(graph, supergraph)`: the graph's validation rules and parse options
 *   (./rules.ts) — tokens, depth, aliases, directives, cost — which refuse an operation with 400
 *   OPERATION_LIMIT_EXCEEDED before it is authorized or planned;
 * - `inspectBody(graph, text)`: before a POST body is parsed as JSON, its nesting (./variables.ts):
 *   a body nested deeper than the variables may be is refused (400 OPERATION_LIMIT_EXCEEDED,
 *   `maxVariablesDepth`) without being parsed;
 * - `admit(key, graph, variables, onFinish)`: before GraphQL sees the request, the API key's rate
 *   (./rateLimit.ts) and its requests in flight (./concurrency.ts; the place is given back through
 *   `onFinish` once the request is answered and recorded), both 429 RATE_LIMITED with Retry-After,
 *   and the size and nesting of its variables (./variables.ts, 400 OPERATION_LIMIT_EXCEEDED).
 * Every refusal names the limit in `extensions.limit` and is recorded in the access log as denied.
 * The limits and their defaults are in lib/config.ts (`OperationLimits`).
 */
import type { OperationLimits } from '../../lib/config.ts';
import type { PenghubungError } from '../../lib/errors.ts';
import type { GraphServerOptions } from '../graphRuntime.ts';
import { fieldOwnersFromSupergraph, NO_OWNERS, type FieldOwners } from './cost.ts';
import { limitExceeded } from './errors.ts';
import { createConcurrencyLimiter } from './concurrency.ts';
import { createRateLimiter } from './rateLimit.ts';
import { limitValidationRules, parseOptionsFor } from './rules.ts';
import { jsonNestsDeeperThan, variablesOverLimit } from './variables.ts';

export interface OperationLimitsOptions {
  limitsFor: (graph: string) => OperationLimits;
}

export interface OperationLimitsHandle {
  serverOptions(graph: string, supergraph: () => string): Pick<GraphServerOptions, 'validationRules' | 'parseOptions'>;
  /** The nesting of a POST body's JSON text, before it is parsed. */
  inspectBody(graph: string, text: string): PenghubungError | null;
  /**
   * Rate, requests in flight and variables checks of one request; `key` is the API key's credential
   * id (null: anonymous, no rate); `onFinish` runs a function once the request is finished.
   */
  admit(key: string | null, graph: string, variables: unknown, onFinish: (release: () => void) => void): Promise<PenghubungError | null>;
}

export function createOperationLimits(options: OperationLimitsOptions): OperationLimitsHandle {
  const rates = createRateLimiter(options.limitsFor);
  const inFlight = createConcurrencyLimiter(options.limitsFor);
  return {
    serverOptions(graph, supergraph) {
      const limits = options.limitsFor(graph);
      // Field owners are read once per supergraph the graph serves.
      let ownersOf: { sdl: string; owners: FieldOwners } | undefined;
      const owners = (): FieldOwners => {
        const sdl = supergraph();
        if (ownersOf?.sdl !== sdl) {
          let parsed: FieldOwners = NO_OWNERS;
          try {
            parsed = fieldOwnersFromSupergraph(sdl);
          } catch {
            // A supergraph the gateway could load always parses; without owners no joins are counted.
          }
          ownersOf = { sdl, owners: parsed };
        }
        return ownersOf.owners;
      };
      return { validationRules: limitValidationRules(limits, owners), parseOptions: parseOptionsFor(limits) };
    },
    inspectBody(graph, text) {
      const { maxVariablesDepth } = options.limitsFor(graph);
      // The body object holds `variables`: one level above the variables' own nesting.
      return jsonNestsDeeperThan(text, maxVariablesDepth + 1) ? limitExceeded({ name: 'maxVariablesDepth', max: maxVariablesDepth }) : null;
    },
    async admit(key, graph, variables, onFinish) {
      const limits = options.limitsFor(graph);
      if (key !== null) {
        const refusal = await rates.consume(key, graph);
        if (refusal) return refusal;
        const place = inFlight.enter(key, graph);
        if (typeof place !== 'function') return place;
        onFinish(place);
      }
      const over = variablesOverLimit(variables, limits);
      return over ? limitExceeded(over) : null;
    },
  };
}

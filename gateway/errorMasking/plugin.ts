import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { GatewayContext } from '../context.ts';
import { isClientError } from './formatError.ts';
import { describeError, redactForLog, requestValues } from './redact.ts';

export interface ErrorMaskingPluginOptions {
  /**
   * Where the detail of a masked error goes, with the request id the client received. `description`
   * is the error's message (and its cause's) with the request's values, identifiers and credentials
   * taken out (./redact.ts): the raw error is not handed over, so no caller can log it by mistake.
   */
  log: (message: string, detail: { requestId: string; description: string }) => void;
}

/**
 * The other half of `maskError` (./formatError.ts): logs what is masked, with the request id, and
 * puts the request id on every error the client receives so that the two can be matched.
 */
export function createErrorMaskingPlugin(options: ErrorMaskingPluginOptions): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, request, document }) {
          let values: string[] | undefined;
          for (const error of errors) {
            if (!isClientError({ message: error.message, extensions: error.extensions }, error)) {
              values ??= requestValues(request.variables, document);
              options.log('masked error', { requestId: contextValue.request.id, description: redactForLog(describeError(error), values) });
            }
          }
        },
        async willSendResponse({ response, contextValue }) {
          const body = response.body;
          const result = body.kind === 'single' ? body.singleResult : body.initialResult;
          const errors = result.errors as GraphQLFormattedError[] | undefined;
          if (!errors) return;
          for (let index = 0; index < errors.length; index += 1) {
            const error = errors[index]!;
            errors[index] = { ...error, extensions: { ...error.extensions, requestId: contextValue.request.id } };
          }
        },
      };
    },
  };
}

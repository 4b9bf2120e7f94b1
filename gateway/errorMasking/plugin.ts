import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { GatewayContext } from '../context.ts';
import { isClientError } from './formatError.ts';

export interface ErrorMaskingPluginOptions {
  /** Where the detail of a masked error goes, with the request id the client received. */
  log: (message: string, detail: { requestId: string; error: unknown }) => void;
}

/**
 * The other half of `maskError` (./formatError.ts): logs what is masked, with the request id, and
 * puts the request id on every error the client receives so that the two can be matched.
 */
export function createErrorMaskingPlugin(options: ErrorMaskingPluginOptions): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            if (!isClientError({ message: error.message, extensions: error.extensions }, error)) {
              options.log('masked error', { requestId: contextValue.requestId, error });
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
            errors[index] = { ...error, extensions: { ...error.extensions, requestId: contextValue.requestId } };
          }
        },
      };
    },
  };
}

import type { AccessedOperation, GatewayContext } from '../context.ts';

/**
 * Apollo Server hands plugins a shallow copy of the context object the gateway created
 * (`internalExecuteOperation` clones `contextValue` per operation), so a field set on it at the top
 * level (`operation`, `authorization`) does not appear on the gateway's own object, which is the one
 * `recordAccess` receives; objects inside it are shared. The operation is therefore also kept under
 * the request's `subgraphCalls` array, the per-request object both copies hold.
 */
const byRequest = new WeakMap<object, AccessedOperation>();

export function keepAccessedOperation(context: GatewayContext, operation: AccessedOperation): void {
  context.operation = operation;
  byRequest.set(context.subgraphCalls, operation);
}

/** What the access-log plugin collected for the request of `context` (the gateway's object or Apollo's copy). */
export function accessedOperationOf(context: GatewayContext): AccessedOperation | undefined {
  return context.operation ?? byRequest.get(context.subgraphCalls);
}


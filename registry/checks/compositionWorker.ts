/**
 * The body of the composition worker thread (see composer.ts): it receives subgraphs, composes them
 * with `composeGraph`, and returns the plain outcome. It first says on `started` that it began, so the
 * registry starts the time budget when the composition starts, not while the task waits in the queue.
 */
import type { MessagePort } from 'node:worker_threads';
import { composeGraph } from './composeGraph.ts';
import type { CompositionOutcome } from './composeGraph.ts';
import type { SubgraphInput } from './types.ts';

export interface CompositionTask {
  subgraphs: SubgraphInput[];
  started: MessagePort;
}

// One small composition while the worker starts (before it reports ready): the engine's first run
// initialises lazily and would otherwise spend part of the first publish's budget.
composeGraph([{ name: 'pemanasan', url: 'http://pemanasan.invalid', sdl: 'type Query { siap: Boolean }' }]);

export default function compose(task: CompositionTask): CompositionOutcome {
  task.started.postMessage('started');
  task.started.close();
  return composeGraph(task.subgraphs);
}

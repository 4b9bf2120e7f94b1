/**
 * A failed query's error for the process log, without its parameters: drizzle's DrizzleQueryError
 * puts them in its message ("params: 3501…"), and they are personal data (a NIK, a name). The SQL
 * text and the database's own reason are kept; they are what an operator needs.
 */
export function loggableError(error: unknown): unknown {
  if (!(error instanceof Error) || !('params' in error) || !('query' in error)) return error;
  const cause = error.cause instanceof Error ? error.cause.message : undefined;
  const safe = new Error(`Failed query: ${String((error as { query: unknown }).query)}${cause ? `: ${cause}` : ''} (parameters not logged)`);
  safe.name = error.name;
  // The original stack begins with the original message (parameters included): keep only its frames.
  const frames = (error.stack ?? '').split('\n').filter((line) => line.startsWith('    at '));
  safe.stack = [`${safe.name}: ${safe.message}`, ...frames].join('\n');
  return safe;
}

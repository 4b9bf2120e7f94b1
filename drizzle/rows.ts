/**
 * `db.execute` gives rows differently per driver: postgres.js an array, PGlite `{ rows }`. Repositories
 * that need raw SQL read them through this one function.
 */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  const rows = (result as { rows?: unknown }).rows;
  return Array.isArray(rows) ? (rows as T[]) : [];
}

/**
 * The strictest classification among rows grouped together, e.g. one coordinate published by several
 * subgraphs (shared entity fields): the one ranked highest in `classifications` (publik < terbatas <
 * rahasia), never the highest by name ("terbatas" sorts after "rahasia" as text). One helper, so the
 * evaluator's log and the publisher's field usage agree on which classification a field has.
 */
import { sql } from 'drizzle-orm';
import type { SQL, SQLWrapper } from 'drizzle-orm';
import { classifications } from '../../drizzle/schema/index.ts';
import { textArray } from '../../lib/logSql.ts';

/** An aggregate over `column` (a `classification` column or expression): its strictest value as text, null when none. */
export function strictestClassification(column: SQLWrapper): SQL<string | null> {
  const ranked = textArray(classifications);
  return sql<string | null>`(${ranked})[max(array_position(${ranked}, ${column}::text))]`;
}

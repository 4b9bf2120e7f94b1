/**
 * A unified line diff of two subgraph SDLs, for people: both sides are printed in one canonical order
 * (schema, directives, then types by name; fields, arguments, enum values, union members and
 * interfaces sorted) so the diff shows what changed, not how the file was rearranged. Directive
 * applications (`@key`, `@tag`, ...) are kept, so a classification change is visible here even though
 * it is not a change of the API shape.
 *
 * The `diff` package is not installed, so this carries a small Myers O(ND) diff. Past
 * `MAX_EDIT_DISTANCE` edits (schemas that share almost nothing) it stops searching and shows the
 * differing middle as removed-then-added, which keeps memory bounded.
 */
import { Kind, parse, print, visit } from 'graphql';
import type { ASTNode, DefinitionNode, DocumentNode } from 'graphql';

export interface LineDiffOptions {
  /** Lines of unchanged context around each change (default 3). */
  context?: number;
  oldLabel?: string;
  newLabel?: string;
}

const MAX_EDIT_DISTANCE = 2000;

/**
 * The unified diff (`---`/`+++` header, `@@` hunks) from `oldSdl` (null: nothing before) to
 * `newSdl`, or the empty string when the canonical prints are identical.
 */
export function sdlLineDiff(oldSdl: string | null, newSdl: string, options: LineDiffOptions = {}): string {
  const oldLines = oldSdl === null ? [] : splitLines(canonicalSdl(oldSdl));
  const newLines = splitLines(canonicalSdl(newSdl));
  const ops = diffLines(oldLines, newLines);
  if (!ops.some((op) => op.kind !== ' ')) return '';
  const header = [`--- ${options.oldLabel ?? 'lama'}`, `+++ ${options.newLabel ?? 'baru'}`];
  return [...header, ...unifiedHunks(ops, options.context ?? 3)].join('\n') + '\n';
}

/** The SDL printed in canonical order; text that does not parse is returned unchanged. */
export function canonicalSdl(sdl: string): string {
  let document: DocumentNode;
  try {
    document = parse(sdl, { noLocation: true });
  } catch {
    return sdl;
  }
  const byName = <T extends { name: { value: string } }>(items: readonly T[] | undefined): T[] | undefined =>
    items && [...items].sort((a, b) => compare(a.name.value, b.name.value));
  const sorted = visit(document, {
    enter(node: ASTNode) {
      switch (node.kind) {
        case Kind.OBJECT_TYPE_DEFINITION:
        case Kind.OBJECT_TYPE_EXTENSION:
        case Kind.INTERFACE_TYPE_DEFINITION:
        case Kind.INTERFACE_TYPE_EXTENSION:
          return { ...node, fields: byName(node.fields), interfaces: byName(node.interfaces) };
        case Kind.INPUT_OBJECT_TYPE_DEFINITION:
        case Kind.INPUT_OBJECT_TYPE_EXTENSION:
          return { ...node, fields: byName(node.fields) };
        case Kind.ENUM_TYPE_DEFINITION:
        case Kind.ENUM_TYPE_EXTENSION:
          return { ...node, values: byName(node.values) };
        case Kind.UNION_TYPE_DEFINITION:
        case Kind.UNION_TYPE_EXTENSION:
          return { ...node, types: byName(node.types) };
        case Kind.FIELD_DEFINITION:
        case Kind.DIRECTIVE_DEFINITION:
          return { ...node, arguments: byName(node.arguments) };
        default:
          return undefined;
      }
    },
  });
  const definitions = [...sorted.definitions].sort((a, b) => {
    const [groupA, nameA, extA] = sortKey(a);
    const [groupB, nameB, extB] = sortKey(b);
    return groupA - groupB || compare(nameA, nameB) || extA - extB;
  });
  return print({ ...sorted, definitions });
}

function sortKey(definition: DefinitionNode): [number, string, number] {
  if (definition.kind === Kind.SCHEMA_DEFINITION) return [0, '', 0];
  if (definition.kind === Kind.SCHEMA_EXTENSION) return [0, '', 1];
  const name = 'name' in definition && definition.name ? definition.name.value : '';
  if (definition.kind === Kind.DIRECTIVE_DEFINITION) return [1, name, 0];
  return [2, name, definition.kind.endsWith('Extension') ? 1 : 0];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

interface Op {
  kind: ' ' | '-' | '+';
  text: string;
}

/** Line operations turning `a` into `b`: common prefix and suffix trimmed, Myers in between. */
export function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < a.length - prefix &&
    suffix < b.length - prefix &&
    a[a.length - 1 - suffix] === b[b.length - 1 - suffix]
  ) {
    suffix++;
  }
  const middleA = a.slice(prefix, a.length - suffix);
  const middleB = b.slice(prefix, b.length - suffix);
  const same = (text: string): Op => ({ kind: ' ', text });
  return [
    ...a.slice(0, prefix).map(same),
    ...(myers(middleA, middleB) ?? [
      ...middleA.map((text): Op => ({ kind: '-', text })),
      ...middleB.map((text): Op => ({ kind: '+', text })),
    ]),
    ...a.slice(a.length - suffix).map(same),
  ];
}

/** Myers' shortest edit script; null when it needs more than MAX_EDIT_DISTANCE edits. */
function myers(a: readonly string[], b: readonly string[]): Op[] | null {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, MAX_EDIT_DISTANCE);
  // v[k + offset] = furthest x on diagonal k; trace[d] keeps v for k in [-d, d] before step d.
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice(offset - d, offset + d + 1));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[offset + k - 1] as number) < (v[offset + k + 1] as number));
      let x = down ? (v[offset + k + 1] as number) : (v[offset + k - 1] as number) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(a, b, trace);
    }
  }
  return null;
}

function backtrack(a: readonly string[], b: readonly string[], trace: readonly Int32Array[]): Op[] {
  const ops: Op[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d >= 0; d--) {
    const snapshot = trace[d] as Int32Array;
    const at = (k: number): number => (k >= -d && k <= d ? (snapshot[k + d] as number) : 0);
    const k = x - y;
    const previousK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const previousX = d === 0 ? 0 : at(previousK);
    const previousY = d === 0 ? 0 : previousX - previousK;
    while (x > previousX && y > previousY) {
      ops.push({ kind: ' ', text: a[x - 1] as string });
      x--;
      y--;
    }
    if (d > 0) {
      if (x === previousX) ops.push({ kind: '+', text: b[y - 1] as string });
      else ops.push({ kind: '-', text: a[x - 1] as string });
    }
    x = previousX;
    y = previousY;
  }
  return ops.reverse();
}

/** Unified-format hunks (`@@ -start,count +start,count @@`) with `context` lines around changes. */
function unifiedHunks(ops: readonly Op[], context: number): string[] {
  const changed = ops.flatMap((op, index) => (op.kind === ' ' ? [] : [index]));
  const lines: string[] = [];
  // Line numbers before each op, to start hunks anywhere.
  const oldBefore: number[] = [];
  const newBefore: number[] = [];
  let oldCount = 0;
  let newCount = 0;
  for (const op of ops) {
    oldBefore.push(oldCount);
    newBefore.push(newCount);
    if (op.kind !== '+') oldCount++;
    if (op.kind !== '-') newCount++;
  }
  let i = 0;
  while (i < changed.length) {
    const start = Math.max(0, (changed[i] as number) - context);
    let last = changed[i] as number;
    while (i + 1 < changed.length && (changed[i + 1] as number) - last <= 2 * context)
      last = changed[++i] as number;
    i++;
    const end = Math.min(ops.length, last + context + 1);
    const hunk = ops.slice(start, end);
    const oldLines = hunk.filter((op) => op.kind !== '+').length;
    const newLines = hunk.filter((op) => op.kind !== '-').length;
    const oldStart = (oldBefore[start] as number) + (oldLines > 0 ? 1 : 0);
    const newStart = (newBefore[start] as number) + (newLines > 0 ? 1 : 0);
    lines.push(`@@ -${oldStart},${oldLines} +${newStart},${newLines} @@`);
    for (const op of hunk) lines.push(`${op.kind}${op.text}`);
  }
  return lines;
}

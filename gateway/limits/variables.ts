import type { OperationLimits } from '../../lib/config.ts';
import type { LimitDetails } from './errors.ts';

/**
 * Checks the variables of a request against `maxVariablesDepth` and `maxVariablesBytes` before
 * anything else reads them (validation, authorization, the log's masking). Iterative, and it stops at
 * the first excess, so a 200,000-deep array costs no more than reaching the limit.
 * Returns the limit hit, or null.
 */
export function variablesOverLimit(variables: unknown, limits: Pick<OperationLimits, 'maxVariablesDepth' | 'maxVariablesBytes'>): LimitDetails | null {
  if (variables === null || variables === undefined) return null;
  if (typeof variables === 'string') {
    // A GET request carries its variables as JSON text in the query string.
    if (Buffer.byteLength(variables, 'utf8') > limits.maxVariablesBytes) return { name: 'maxVariablesBytes', max: limits.maxVariablesBytes };
    return depthOfJsonText(variables) > limits.maxVariablesDepth ? { name: 'maxVariablesDepth', max: limits.maxVariablesDepth } : null;
  }
  if (typeof variables !== 'object') return null;
  let bytes = 0;
  const stack: { value: unknown; depth: number }[] = [{ value: variables, depth: 1 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (value !== null && typeof value === 'object') {
      if (depth > limits.maxVariablesDepth) return { name: 'maxVariablesDepth', max: limits.maxVariablesDepth };
      bytes += 2;
      if (Array.isArray(value)) {
        for (const member of value) {
          bytes += 1;
          stack.push({ value: member, depth: depth + 1 });
        }
      } else {
        for (const [key, member] of Object.entries(value)) {
          bytes += key.length + 4;
          stack.push({ value: member, depth: depth + 1 });
        }
      }
    } else {
      bytes += typeof value === 'string' ? value.length + 2 : String(value).length;
    }
    if (bytes > limits.maxVariablesBytes) return { name: 'maxVariablesBytes', max: limits.maxVariablesBytes };
  }
  return null;
}

/** Nesting of JSON text, counted over brackets outside strings (no parse needed to refuse it). */
function depthOfJsonText(text: string): number {
  return jsonNesting(text, Number.POSITIVE_INFINITY);
}

/**
 * Whether JSON text nests deeper than `max` (brackets outside strings), stopping at the first level
 * past it: a request body 200,000 arrays deep is refused after reading `max + 1` brackets, where
 * `JSON.parse` would spend 20–200 ms building the arrays first.
 */
export function jsonNestsDeeperThan(text: string, max: number): boolean {
  return jsonNesting(text, max) > max;
}

function jsonNesting(text: string, stopAbove: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === BACKSLASH) index += 1;
      else if (char === QUOTE) inString = false;
    } else if (char === QUOTE) inString = true;
    else if (char === OPEN_BRACE || char === OPEN_BRACKET) {
      depth += 1;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > stopAbove) return deepest;
      }
    } else if (char === CLOSE_BRACE || char === CLOSE_BRACKET) depth -= 1;
  }
  return deepest;
}

const BACKSLASH = 0x5c;
const QUOTE = 0x22;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

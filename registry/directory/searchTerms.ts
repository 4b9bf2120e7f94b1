import type { SearchTerms } from '../repositories/DirectoryRepository.ts';

const MAX_QUERY_CHARS = 100;
const MAX_WORDS = 8;

/**
 * Reduces a free-text query to letters, digits and single spaces (at most 8 words, 100 characters):
 * what remains can go into `to_tsquery` word by word and, escaped, into ILIKE. Null when nothing is left.
 */
export function searchTermsOf(query: string): SearchTerms | null {
  const cleaned = query
    .normalize('NFKC')
    .slice(0, MAX_QUERY_CHARS)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .toLowerCase();
  if (cleaned === '') return null;
  const words = [...new Set(cleaned.split(' '))].slice(0, MAX_WORDS);
  return { words, text: words.join(' ') };
}

/**
 * One copy of each word. Analyses that arrive as JSON (from a worker thread or the cache)
 * spell every occurrence of a word as its own string; a 100 MB corpus has tens of millions
 * of word occurrences but a vocabulary of thousands.
 */
const table = new Map<string, string>();

/** Beyond this many distinct words the table starts again, so hostile text cannot grow it without end. */
const MAX_WORDS = 1_000_000;

export function intern(word: string): string {
  const known = table.get(word);
  if (known !== undefined) return known;
  if (table.size >= MAX_WORDS) table.clear();
  table.set(word, word);
  return word;
}

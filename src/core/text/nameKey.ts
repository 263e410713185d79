import { withoutAccents } from './accents';

const keys = new Map<string, string>();

/**
 * The comparison key of a name: case, diacritics, dots, dashes and "the" do not
 * distinguish names ("ISIS – K" = "ISIS-K" = "Isis K"; "U.S." = "US"; "al-Muhajir" = "Al Muhajir").
 * Memoised: the same few thousand names are keyed millions of times on a large corpus.
 */
export function nameKey(name: string): string {
  const known = keys.get(name);
  if (known !== undefined) return known;
  const key = withoutAccents(name)
    .toLowerCase()
    .replace(/'s\b/g, '')
    .replace(/\./g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/^the /, '');
  if (keys.size > 200_000) keys.clear();
  keys.set(name, key);
  return key;
}

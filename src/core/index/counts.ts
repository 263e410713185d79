/**
 * Adds `delta` to a count. A count that reaches 0 goes, so a map of counts holds only
 * what is there; `keep` lets a count of 0 stay (a spelling seen only as an alias).
 */
export function addCount<K>(counts: Map<K, number>, key: K, delta: number, keep = false): void {
  const n = (counts.get(key) ?? 0) + delta;
  if (n > 0 || (keep && n === 0)) counts.set(key, n);
  else counts.delete(key);
}

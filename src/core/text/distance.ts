/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), cut off
 * at `max`: names are short and most pairs are far apart, so we stop early.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  // Three rows reused from call to call: a large corpus compares millions of name pairs.
  let [prev2, prev, cur] = rows(n + 1);
  prev2.fill(0, 0, n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n];
}

let scratch: [Int32Array, Int32Array, Int32Array] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

function rows(length: number): [Int32Array, Int32Array, Int32Array] {
  if (scratch[0].length < length) scratch = [new Int32Array(length * 2), new Int32Array(length * 2), new Int32Array(length * 2)];
  return [scratch[0], scratch[1], scratch[2]];
}

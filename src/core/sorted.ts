/** The last position in ascending `xs` holding at most `x`, or -1 when none does. */
export function lastAtMost(xs: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  let at = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] <= x) [at, lo] = [mid, mid + 1];
    else hi = mid - 1;
  }
  return at;
}

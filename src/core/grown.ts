/** A copy of `a` at least `size` long (doubling, so growing one step at a time stays linear), zero past the old end. */
export function grown(a: Int32Array, size: number): Int32Array<ArrayBuffer> {
  let length = Math.max(1, a.length * 2);
  while (length < size) length *= 2;
  const b = new Int32Array(length);
  b.set(a);
  return b;
}

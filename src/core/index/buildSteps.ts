import type { SourceIndex } from './sourceIndex';

/** Calls `f` on every item (with its position), at most `limit` calls in flight. */
export async function mapLimited<T>(items: T[], limit: number, f: (item: T, k: number) => Promise<void>): Promise<void> {
  let next = 0;
  const run = async () => {
    while (next < items.length) {
      const k = next++;
      await f(items[k], k);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, run));
}

/**
 * Shows a first build's progress: every so often the actors read so far are put together
 * and handed out, so hovers and completion answer before the build is done. Events wait
 * for the end: they are matched against the final actors, so every build groups them alike.
 * The pause between showings grows with what a showing costs, to keep it a small share.
 */
export function partialPublisher(index: SourceIndex, onPartial: (index: SourceIndex) => void, every: number): () => void {
  let last = Date.now();
  let pause = every;
  let shown = 0;
  return () => {
    const n = index.sourceCount;
    if (Date.now() - last < pause || n === shown) return;
    const t = Date.now();
    index.rebuild(false);
    pause = Math.max(every, 20 * (Date.now() - t));
    last = Date.now();
    shown = n;
    onPartial(index);
  };
}

/**
 * Long work written as a generator that yields between steps, so the same code can run at
 * once (the CLI, tests) or give the event loop a turn now and then (a language server that
 * must keep answering requests meanwhile).
 */

/** Runs every step now and returns the result. */
export function drain<T>(steps: Generator<void, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * Runs the steps, giving the event loop a turn at least every `everyMs`. Stops early, with
 * undefined, when `stillWanted` says the result would be stale by now.
 */
export async function runInSteps<T>(steps: Generator<void, T>, everyMs: number, stillWanted: () => boolean = () => true): Promise<T | undefined> {
  let since = Date.now();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (Date.now() - since < everyMs) continue;
    await new Promise((resolve) => setImmediate(resolve));
    if (!stillWanted()) return undefined;
    since = Date.now();
  }
}

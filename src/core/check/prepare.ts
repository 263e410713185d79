import type { SourceIndex } from '../index/sourceIndex';
import { eventsByTerm, reportContexts } from './eventReferences';
import { installPostings, postingSteps } from './evidence';
import { aliasBlocks } from './nameVariants';

/**
 * Builds what the first check would build (fact contexts and postings, event contexts, alias blocks), giving
 * the event loop a turn every `everyMs`: a server calls this after indexing, so the first
 * check after a large build does not hold up hovers for seconds.
 */
export async function prepareChecks(index: SourceIndex, everyMs = 50): Promise<void> {
  const version = index.version;
  let since = Date.now();
  /** False when the index changed meanwhile: what was built is stale, and the next check builds afresh. */
  const pause = async (): Promise<boolean> => {
    if (Date.now() - since < everyMs) return true;
    await new Promise((resolve) => setImmediate(resolve));
    since = Date.now();
    return index.version === version;
  };
  const steps = postingSteps(index, (n) => index.findActor(n));
  let r = steps.next();
  for (; !r.done; r = steps.next()) if (!(await pause())) return;
  installPostings(index, r.value);
  for (const e of index.events()) {
    reportContexts(index, e);
    if (!(await pause())) return;
  }
  eventsByTerm(index);
  aliasBlocks(index);
}

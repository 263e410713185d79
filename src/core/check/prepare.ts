import type { SourceIndex } from '../index/sourceIndex';
import { eventsByTerm, reportContexts } from './eventReferences';
import { factReadingSteps, installPostings, postingSteps } from './evidence';
import { aliasBlocks } from './nameVariants';
import { runInSteps } from '../steps';
import { extractDates } from '../extract/dates';
import { checkStateLines, restoreCheckState } from './checkState';

/**
 * Builds what the first check would build (fact contexts and postings, event contexts, alias blocks), giving
 * the event loop a turn every `everyMs`: a server calls this after indexing, so the first
 * check after a large build does not hold up hovers for seconds. What the index's snapshot
 * saved of them is read back instead (see `checkState.ts`), and what is built is saved with it.
 */
export async function prepareChecks(index: SourceIndex, everyMs = 50, onMessage?: (m: string) => void): Promise<void> {
  // The date parser builds its patterns on first use (about 0.3 s): here, not in the first
  // check or the first source change after a warm start.
  extractDates('On 1 January 2020, and in March 2021.');
  const version = index.version;
  // When the index changed meanwhile, what was built is stale, and the next check builds afresh.
  const current = () => index.version === version;
  if (await restoreSaved(index, everyMs, current, onMessage)) return;
  if (!current()) return;
  const postings = await runInSteps(postingSteps(index, (n) => index.findActor(n)), everyMs, current);
  if (!postings) return;
  installPostings(index, postings);
  if (!(await runInSteps(eventContextSteps(index), everyMs, current))) return;
  eventsByTerm(index);
  aliasBlocks(index);
  // Written while checks run: a command line waits for it with `whenSaved`.
  if (current()) void index.keepWithSnapshot(() => checkStateLines(index), onMessage);
}

/**
 * After `prepareChecks` read them back from the snapshot: reads every source's facts in steps
 * (as building them would have), so that checks run at full speed once done. A check meanwhile
 * reads the sources it picks facts from. A server calls this when idle.
 */
export async function readCheckSources(index: SourceIndex, everyMs = 50): Promise<void> {
  const version = index.version;
  await runInSteps(factReadingSteps(index), everyMs, () => index.version === version);
}

/** Installs what the snapshot saved, if it did and it can be read; says why not when it cannot. */
async function restoreSaved(index: SourceIndex, everyMs: number, current: () => boolean, onMessage?: (m: string) => void): Promise<boolean> {
  const lines = index.savedLines();
  if (!lines) return false;
  let since = Date.now();
  const pause = async () => {
    if (Date.now() - since < everyMs) return;
    await new Promise((resolve) => setImmediate(resolve));
    since = Date.now();
  };
  try {
    return await restoreCheckState(index, lines, pause, current);
  } catch (err) {
    onMessage?.(`Corroborate: the saved checks could not be read (${err instanceof Error ? err.message : String(err)}); they are prepared again.`);
    index.forgetSavedLines();
    return false;
  }
}

function* eventContextSteps(index: SourceIndex): Generator<void, true> {
  for (const e of index.events()) {
    reportContexts(index, e);
    yield;
  }
  return true;
}

import type { SourceIndex } from '../index/sourceIndex';
import { eventsByTerm, reportContexts } from './eventReferences';
import { installPostings, postingSteps } from './evidence';
import { aliasBlocks } from './nameVariants';
import { runInSteps } from '../steps';
import { extractDates } from '../extract/dates';

/**
 * Builds what the first check would build (fact contexts and postings, event contexts, alias blocks), giving
 * the event loop a turn every `everyMs`: a server calls this after indexing, so the first
 * check after a large build does not hold up hovers for seconds.
 */
export async function prepareChecks(index: SourceIndex, everyMs = 50): Promise<void> {
  // The date parser builds its patterns on first use (about 0.3 s): here, not in the first
  // check or the first source change after a warm start.
  extractDates('On 1 January 2020, and in March 2021.');
  const version = index.version;
  // When the index changed meanwhile, what was built is stale, and the next check builds afresh.
  const current = () => index.version === version;
  const postings = await runInSteps(postingSteps(index, (n) => index.findActor(n)), everyMs, current);
  if (!postings) return;
  installPostings(index, postings);
  if (!(await runInSteps(eventContextSteps(index), everyMs, current))) return;
  eventsByTerm(index);
  aliasBlocks(index);
}

function* eventContextSteps(index: SourceIndex): Generator<void, true> {
  for (const e of index.events()) {
    reportContexts(index, e);
    yield;
  }
  return true;
}

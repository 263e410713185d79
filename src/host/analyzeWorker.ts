/**
 * Worker thread entry: analyses sources sent by the pool and sends back the packed form
 * (as a JSON string, cheap to copy between threads).
 */
import { parentPort } from 'worker_threads';
import '../core/corpus/formats/register';
import { analyzeSource } from '../core/index/analyzeSource';
import { packAnalysis } from '../core/index/persist';
import type { SourceDoc } from '../core/types';

parentPort?.on('message', (msg: { id: number; doc: SourceDoc }) => {
  try {
    // A JSON string crosses threads faster than the structured clone of many small objects.
    parentPort!.postMessage({ id: msg.id, packed: JSON.stringify(packAnalysis(analyzeSource(msg.doc), false)) });
  } catch (err) {
    parentPort!.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) });
  }
});

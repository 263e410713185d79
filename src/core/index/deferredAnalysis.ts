import type { DateMention, Figure, Location, Mention, SourceDoc } from '../types';
import type { PlacedObservation } from './actorRegistry';
import type { Fact, SentenceReading, SourceAnalysis } from './analyzeSource';
import type { NormalizedDoc } from '../corpus/normalize';

/**
 * What a warm start knows of a source's analysis without reading its cache entry: the
 * manifest keeps it next to the entry's name. The snapshot's mentions and passages are
 * checked against these counts on load.
 */
export interface EntryCounts {
  sentences: number;
  observations: number;
  figures: number;
  /** The length of the source's text, which is decoded from the file only when first read. */
  characters: number;
}

/**
 * An analysis whose cache entry is read when something first asks for more than its
 * document and counts. At 100 MB a warm start read 13,879 entries (330 MB of JSON) before
 * the first hover could be answered, though a hover reads a few sources and the rest is
 * read only by the preparation of checks, which runs in steps after loading.
 *
 * `read` never throws: an entry that cannot be read is analysed again from the text (see
 * `SourceIndex`), which gives what the entry held, so the snapshot's references stay good.
 */
export class DeferredAnalysis implements SourceAnalysis {
  private read_?: SourceAnalysis;

  constructor(
    readonly doc: SourceDoc,
    readonly counts: EntryCounts,
    private read?: () => SourceAnalysis,
  ) {}

  /** Whether the entry has been read. */
  get decoded(): boolean {
    return this.read_ !== undefined;
  }

  /** The analysis itself, read from the entry on first use. */
  get analysis(): SourceAnalysis {
    if (!this.read_) {
      this.read_ = this.read!();
      this.read = undefined;
    }
    return this.read_;
  }

  get norm(): NormalizedDoc {
    return this.analysis.norm;
  }

  get readings(): SentenceReading[] {
    return this.analysis.readings;
  }

  get observations(): PlacedObservation[] {
    return this.analysis.observations;
  }

  get figures(): Fact<Figure>[] {
    return this.analysis.figures;
  }

  get dates(): Fact<DateMention>[] {
    return this.analysis.dates;
  }

  /**
   * Observation n's mention: the mention itself once the entry is read, until then one that
   * reads the entry when more than its source is asked for (a hover quotes three mentions of
   * an actor, and counts the rest by source).
   */
  mentionAt(n: number): Mention {
    return this.read_ ? mentionOf(this.read_, n) : new DeferredMention(this, n);
  }
}

/** The length of a source's text, without decoding a deferred one's. */
export function textLength(a: SourceAnalysis): number {
  return a instanceof DeferredAnalysis ? a.counts.characters : a.doc.text.length;
}

/** Observation n's mention in an analysis read whole; a placeholder if it has none (never thrown on). */
function mentionOf(a: SourceAnalysis, n: number): Mention {
  return a.observations[n]?.mention ?? { source: a.doc.key, location: nowhere(a.doc.path), text: '', quote: '' };
}

function nowhere(file: string): Location {
  return { file, line: 0, column: 0, endLine: 0, endColumn: 0 };
}

/** A mention of a source whose entry is not read yet; the source is known, the rest is read on first use. */
export class DeferredMention implements Mention {
  private mention_?: Mention;

  constructor(
    private readonly owner: DeferredAnalysis,
    /** The observation's number in its source: how the snapshot stores it again. */
    readonly observation: number,
  ) {}

  get source(): string {
    return this.owner.doc.key;
  }

  private get mention(): Mention {
    return (this.mention_ ??= mentionOf(this.owner.analysis, this.observation));
  }

  get location(): Location {
    return this.mention.location;
  }

  get text(): string {
    return this.mention.text;
  }

  get quote(): string {
    return this.mention.quote;
  }

  get sentence(): number | undefined {
    return this.mention.sentence;
  }

  /** As a mention made from the source is written: its fields in the same order. */
  toJSON(): Mention {
    return { source: this.source, location: this.location, text: this.text, quote: this.quote, sentence: this.sentence };
  }
}

/** Whether the value is counts a manifest could have written. */
export function isEntryCounts(v: unknown): v is EntryCounts {
  const c = v as Partial<EntryCounts> | null;
  const count = (n: unknown) => Number.isInteger(n) && (n as number) >= 0;
  return typeof c === 'object' && c !== null && count(c.sentences) && count(c.observations) && count(c.figures) && count(c.characters);
}

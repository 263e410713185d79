import { derived } from '../index/derived';
import { spanLocation } from '../index/analyzeSource';
import { isSpellingVariant } from '../index/actorRegistry';
import { nameKey } from '../text/nameKey';
import { FindingCode } from '../types';
import type { SentenceCheck } from './compareClaims';
import type { DraftSentence } from './readDraft';
import type { SourceIndex } from '../index/sourceIndex';

/**
 * Annotates known actor names, and hints at names spelled as no source spells them
 * but close to a source spelling ("Zabihullah Mujahed" → "Zabihullah Mujahid").
 */
export function checkNames(ctx: SentenceCheck, s: DraftSentence): void {
  for (const n of s.names) {
    const start = ctx.norm.map.toOriginal(s.sentence.offset + n.start);
    const actor = ctx.index.findActor(n.name);
    if (actor) {
      ctx.annotations.push({ kind: 'actor', start, end: start + n.name.length, text: n.name, actorId: actor.id });
      continue;
    }
    const key = nameKey(n.name);
    const words = key.split(' ');
    // A single word the sources use is a word, not a misspelling ("Blast", "Uyghur" for "Uyghurs").
    if (words.length === 1 && (ctx.index.knownWord(key) || ctx.index.knownWord(`${key}s`) || ctx.index.knownWord(key.replace(/e?s$/, '')))) continue;
    const spellings = variantSpellings(ctx, key);
    if (!spellings.length) continue;
    ctx.annotations.push({ kind: 'name-variant', start, end: start + n.name.length, text: n.name, actorId: spellings[0].actorId });
    ctx.findings.push({
      code: FindingCode.nameVariant,
      severity: 'hint',
      message: `"${n.name}" is not spelled this way in the sources; they write ${spellings.map((x) => `"${x.spelling}"`).join(', ')}.`,
      location: spanLocation(ctx.norm, ctx.path, s.sentence.offset + n.start, s.sentence.offset + n.end),
      text: n.name,
      evidence: spellings.slice(0, 3).flatMap((x) => {
        const m = ctx.index.getActor(x.actorId)?.mentions.find((mm) => nameKey(mm.text) === nameKey(x.spelling));
        return m ? [{ source: m.source, location: m.location, quote: m.quote, value: x.spelling }] : [];
      }),
      fix: { replacement: spellings[0].spelling, title: `Use the source spelling "${spellings[0].spelling}"` },
    });
  }
}

/** Endings that make a people or an adjective of a place's name ("Lithuania" → "Lithuanian", "Malawi" → "Malawian"). */
const DERIVING_ENDINGS = ['n', 'an', 'ian', 'i', 'ese', 'ish', 'ean'];

/** Whether the one-word `word` is made from the one-word `name` by such an ending: another word, not a misspelling. */
function derivedWord(word: string, name: string): boolean {
  if (word.includes(' ') || name.includes(' ') || word.length <= name.length) return false;
  const stems = /[aeiouy]$/.test(name) ? [name, name.slice(0, -1)] : [name];
  return stems.some((stem) => word.startsWith(stem) && DERIVING_ENDINGS.includes(word.slice(stem.length)));
}

interface Spelling {
  spelling: string;
  actorId: string;
  mentions: number;
}

/** Aliases (and their last words) are kept by word count and first letter: the only ones a variant can match. */
function blockOf(key: string): string {
  const first = key[0] ?? '';
  return `${key.split(' ').length}:${'aeiou'.includes(first) ? 'V' : first}`;
}

export function aliasBlocks(index: SourceIndex): AliasIndex {
  return derived(index, 'aliasBlocks', () => indexAliases(readAliasBlocks(index)));
}

/** Puts blocks saved with the index (see `checkState.ts`) in place of reading every actor's mentions. */
export function installAliasBlocks(index: SourceIndex, blocks: Map<string, AliasEntry[]>): void {
  derived(index, 'aliasBlocks', () => indexAliases(blocks));
}

export interface AliasEntry {
  key: string;
  alias: string;
  actorId: string;
  mentions: number;
}

interface AliasIndex {
  blocks: Map<string, AliasEntry[]>;
  /**
   * Entries of several words by block, position and word (`block|position|word`), as numbers
   * into the block. A spelling variant of a name of several words keeps one of them as it is
   * (`isSpellingVariant`), so these are the only entries such a name is compared with.
   */
  byWord: Map<string, number[]>;
}

function readAliasBlocks(index: SourceIndex): Map<string, AliasEntry[]> {
  const blocks = new Map<string, AliasEntry[]>();
  for (const actor of index.actors()) {
    const counts = new Map<string, number>();
    for (const m of actor.mentions) counts.set(nameKey(m.text), (counts.get(nameKey(m.text)) ?? 0) + 1);
    for (const alias of actor.aliases) {
      const aliasKey = nameKey(alias);
      const words = aliasKey.split(' ');
      // "Mohammad Yaqub" against "Mullah Mohammad Yaqoob": the alias's last words count too.
      for (let n = words.length; n >= 1; n--) {
        if (n === 1 && words.length > 1) break;
        const key = words.slice(words.length - n).join(' ');
        const block = blockOf(key);
        const list = blocks.get(block) ?? [];
        list.push({ key, alias, actorId: actor.id, mentions: counts.get(aliasKey) ?? 0 });
        blocks.set(block, list);
      }
    }
  }
  return blocks;
}

function indexAliases(blocks: Map<string, AliasEntry[]>): AliasIndex {
  const byWord = new Map<string, number[]>();
  for (const [block, entries] of blocks) {
    entries.forEach((e, at) => {
      const words = e.key.split(' ');
      if (words.length > 1) words.forEach((w, i) => addTo(byWord, `${block}|${i}|${w}`, at));
    });
  }
  return { blocks, byWord };
}

function addTo(lists: Map<string, number[]>, key: string, n: number): void {
  const list = lists.get(key);
  if (!list) lists.set(key, [n]);
  else if (list[list.length - 1] !== n) list.push(n);
}

/** The entries a name key is compared with, in their block's order. */
function comparedWith(index: SourceIndex, key: string): AliasEntry[] {
  const { blocks, byWord } = aliasBlocks(index);
  const block = blockOf(key);
  const entries = blocks.get(block) ?? [];
  const words = key.split(' ');
  if (words.length === 1) return entries;
  const at = new Set<number>();
  words.forEach((w, i) => {
    for (const n of byWord.get(`${block}|${i}|${w}`) ?? []) at.add(n);
  });
  return [...at].sort((x, y) => x - y).map((n) => entries[n]);
}

function variantSpellings(ctx: SentenceCheck, key: string): Spelling[] {
  const answers = derived(ctx.index, 'variantSpellings', () => new Map<string, Spelling[]>());
  const known = answers.get(key);
  if (known) return known;
  const out: Spelling[] = [];
  for (const e of comparedWith(ctx.index, key)) {
    // "Uyghurs" for "Uyghur" is the plural; "Harriet Castellanos" for "Harriet Castellano" is another name.
    const plural = !key.includes(' ') && (e.key === `${key}s` || key === `${e.key}s`);
    if (plural || derivedWord(key, e.key) || derivedWord(e.key, key) || !isSpellingVariant(key, e.key)) continue;
    if (e.key !== nameKey(e.alias) && !key.includes(' ')) continue;
    if (!out.some((o) => o.spelling === e.alias)) out.push({ spelling: e.alias, actorId: e.actorId, mentions: e.mentions });
  }
  out.sort((a, b) => b.mentions - a.mentions);
  answers.set(key, out);
  return out;
}

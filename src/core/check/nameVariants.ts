import { spanLocation } from '../index/analyzeSource';
import { isSpellingVariant } from '../index/actorRegistry';
import { nameKey } from '../text/nameKey';
import { FindingCode } from '../types';
import type { SentenceCheck } from './compareClaims';
import type { DraftSentence } from './readDraft';

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

function variantSpellings(ctx: SentenceCheck, key: string): { spelling: string; actorId: string }[] {
  const out: { spelling: string; actorId: string; mentions: number }[] = [];
  for (const actor of ctx.index.actors()) {
    for (const alias of actor.aliases) {
      const aliasKey = nameKey(alias);
      // "Mohammad Yaqub" against "Mullah Mohammad Yaqoob": compare with the alias's last words too.
      const aliasWords = aliasKey.split(' ');
      const tail = aliasWords.slice(Math.max(0, aliasWords.length - key.split(' ').length)).join(' ');
      const plural = aliasKey === `${key}s` || key === `${aliasKey}s`;
      if (plural || !(isSpellingVariant(key, aliasKey) || (tail !== aliasKey && key.includes(' ') && isSpellingVariant(key, tail)))) continue;
      const mentions = actor.mentions.filter((m) => nameKey(m.text) === nameKey(alias)).length;
      if (!out.some((o) => o.spelling === alias)) out.push({ spelling: alias, actorId: actor.id, mentions });
    }
  }
  return out.sort((a, b) => b.mentions - a.mentions);
}

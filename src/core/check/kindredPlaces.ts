import { derived } from '../index/derived';
import type { SourceIndex } from '../index/sourceIndex';

/**
 * "Vrancea" and "Vrancea County", "Kunduz" and "Kunduz Province": sources name a place with
 * and without the kind of place it is, and each form is an actor of its own. A draft that
 * names one form meets source contexts that name the other (and is scored against them as
 * such), as a reader would take it.
 */
const PLACE_KIND = /-(?:province|county|district|region|state|city|governorate|oblast|prefecture|municipality|department)$/;

/** Adds to a draft context's places the other forms of each that the sources use. */
export function kindredPlaces(index: SourceIndex): (places: Set<string>) => Set<string> {
  const families = derived(index, 'placeFamilies', () => placeFamilies(index));
  return (places) => {
    let out: Set<string> | undefined;
    for (const p of places) {
      for (const q of families.get(p.replace(PLACE_KIND, '')) ?? []) if (!places.has(q)) (out ??= new Set(places)).add(q);
    }
    return out ?? places;
  };
}

/** Place ids by their bare name, where the sources use more than one form. */
function placeFamilies(index: SourceIndex): Map<string, string[]> {
  const byBase = new Map<string, string[]>();
  for (const a of index.actors()) {
    if (a.kind !== 'place') continue;
    const base = a.id.replace(PLACE_KIND, '');
    const family = byBase.get(base);
    if (family) family.push(a.id);
    else byBase.set(base, [a.id]);
  }
  for (const [base, family] of byBase) if (family.length < 2) byBase.delete(base);
  return byBase;
}

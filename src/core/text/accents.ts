const NOT_ASCII = /[^\x00-\x7f]/;
const MARKS = /[\u0300-\u036f]/g;

/** "Focșani" and "Focsani", "Médecins" and "Medecins": sources write a name with and without its accents. */
export function withoutAccents(w: string): string {
  // Plain ASCII, most words, has nothing to take off.
  return NOT_ASCII.test(w) ? w.normalize('NFD').replace(MARKS, '') : w;
}

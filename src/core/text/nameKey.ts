/**
 * The comparison key of a name: case, diacritics, dots, dashes and "the" do not
 * distinguish names ("ISIS – K" = "ISIS-K" = "Isis K"; "U.S." = "US"; "al-Muhajir" = "Al Muhajir").
 */
export function nameKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/'s\b/g, '')
    .replace(/\./g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/^the /, '');
}

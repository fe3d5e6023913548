/** Lower-case and strip diacritics, so that "Bangg" finds "Banggai" and "Pasé" finds "Pase". */
export function fold(text: string): string {
  // Most text is plain ASCII, which has no accents to strip: decomposing it is wasted work on a 300-page document.
  if (!/[^\t-~]/.test(text)) return text.toLowerCase();
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

/** Split a search query into folded tokens; punctuation other than the dot in codes is ignored. */
export function queryTokens(query: string): string[] {
  return fold(query)
    .split(/[\s,;/()]+/)
    .map((token) => (/\d/.test(token) ? token : token.replace(/[.\-']/g, '')))
    .filter((token) => token.length > 0);
}

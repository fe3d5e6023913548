import { union, type Box, type PageWord } from './page.ts';

/** Words that sit on one baseline, left to right. */
export interface TextLine extends Box {
  words: PageWord[];
  text: string;
  /** The typical height of its words: the line's font size, near enough. */
  size: number;
}

/** A run of words in a line with no gap wider than a column gap. */
export interface LineSegment extends Box {
  words: PageWord[];
  text: string;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

export function joinWords(words: readonly PageWord[]): string {
  return words.map((word) => word.text).join(' ');
}

export function lineOf(words: PageWord[]): TextLine {
  const sorted = [...words].sort((a, b) => a.x0 - b.x0);
  return { ...union(sorted), words: sorted, text: joinWords(sorted), size: median(sorted.map((word) => word.y1 - word.y0)) };
}

/**
 * Words into lines, the way pdfplumber clusters them: by the vertical centre, within a
 * third of the words' height. A cell centred between two lines of its neighbour stays a
 * line of its own (tables deal with that); a superscript joins its line.
 */
export function groupLines(words: readonly PageWord[]): TextLine[] {
  const sorted = [...words].sort((a, b) => a.y0 + a.y1 - (b.y0 + b.y1));
  const lines: PageWord[][] = [];
  let current: PageWord[] = [];
  let centre = 0;
  let height = 0;
  for (const word of sorted) {
    const wordCentre = (word.y0 + word.y1) / 2;
    const wordHeight = word.y1 - word.y0;
    if (current.length > 0 && Math.abs(wordCentre - centre) <= Math.max(1, Math.min(height, wordHeight) / 3)) {
      current.push(word);
      centre += (wordCentre - centre) / current.length;
      height = Math.max(height, wordHeight);
      continue;
    }
    if (current.length) lines.push(current);
    current = [word];
    centre = wordCentre;
    height = wordHeight;
  }
  if (current.length) lines.push(current);
  return lines.map(lineOf);
}

/** Split a line where the gap between two words is at least `minGap` points. */
export function segmentsOf(line: Pick<TextLine, 'words'>, minGap: number): LineSegment[] {
  const segments: LineSegment[] = [];
  let words: PageWord[] = [];
  const flush = () => {
    if (words.length) segments.push({ ...union(words), words, text: joinWords(words) });
    words = [];
  };
  for (const word of line.words) {
    const last = words.at(-1);
    if (last && word.x0 - last.x1 >= minGap) flush();
    words.push(word);
  }
  flush();
  return segments;
}

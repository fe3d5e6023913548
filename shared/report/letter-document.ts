import type { Language } from '../domain/settings.ts';

/**
 * A result letter ("Laporan Hasil Penilaian Masterplan Smart City") as a laid-out document:
 * every word already in the reader's language and every number already formatted, so the
 * DOCX and the PDF renderers only lay out blocks and cannot say different things.
 */
export interface LetterDocument {
  language: Language;
  /** The receiving ministry as the user set it (Komdigi, or Kominfo as users still say). */
  ministry: string;
  /** "Laporan Hasil Penilaian Masterplan Smart City". */
  title: string;
  /** "Kabupaten Banggai (72.01) · Bimtek 3". */
  subtitle: string;
  /** Shown in the page footer with the page number: "Timbang · dibuat 30 November 2026". */
  footer: string;
  /** "Halaman {page} dari {pages}" with the placeholders left in, for each renderer to fill. */
  pageLabel: string;
  blocks: LetterBlock[];
}

export type LetterTone = 'above' | 'below' | 'none';

export interface LetterCell {
  text: string;
  tone?: LetterTone;
  strong?: boolean;
}

export interface LetterColumn {
  title: string;
  /** Relative width; the renderer scales the columns to the text width. */
  width: number;
  align: 'left' | 'right' | 'center';
}

/** A chart as data: each renderer draws it as a picture (see electron/core/reports/letter-charts.ts). */
export interface LetterChart {
  kind: 'radar' | 'gaps';
  caption: string;
  passMark: number;
  /** "Batas lulus 70%". */
  passMarkLabel: string;
  series: { panel: string; self: string | null };
  /** Each dimension by name (not code), with the panel's % and the self-assessment's % where there is one. */
  points: { label: string; panel: number | null; self: number | null }[];
}

export type LetterBlock =
  | { kind: 'heading'; text: string; level: 1 | 2 }
  | { kind: 'paragraph'; text: string; style?: 'strong' | 'muted' }
  /** Two columns, label and value (the regency, the stage, the rubric…). */
  | { kind: 'facts'; rows: { label: string; value: string }[] }
  | { kind: 'table'; columns: LetterColumn[]; rows: LetterCell[][]; caption?: string }
  | { kind: 'list'; ordered: boolean; items: string[] }
  | { kind: 'chart'; chart: LetterChart }
  /** The panel's signature block: place and date, then a space to sign above each name. */
  | { kind: 'signatures'; intro: string; placeAndDate: string; signers: { role: string; name: string; institution: string }[] };

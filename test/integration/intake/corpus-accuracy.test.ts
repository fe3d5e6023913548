import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOcrEngine, type OcrEngine } from '../../../electron/core/intake/ocr.ts';
import type { Workspace } from '../../../electron/core/workspace/open.ts';
import { CORPUS_DIR, corpusDocuments, HOLDOUT_DIR, UNSEEN_DIR, type CorpusDocument } from '../../helpers/corpus.ts';
import { importFile } from '../../helpers/import-file.ts';
import { accuracy, accuracyTable, total, type Accuracy } from '../../helpers/inventory-accuracy.ts';
import { RESOURCES_DIR } from '../../helpers/workspace.ts';

/**
 * The accuracy gate of intake, on masterplans made the way users make them: DOCX files in
 * many table styles, converted to PDF by LibreOffice Writer, some with scanned pages. Two
 * sets: the corpus intake was built on, and a held-out set in other table styles. Per
 * document and over each set, for PDF and DOCX apart: precision and recall of the
 * programme and quick-win names, and the share of right fields. The tables are printed.
 * TIMBANG_CORPUS_DIR measures another folder of documents with truth files instead.
 */
const GATE = { precision: 0.95, recall: 0.95, fields: 0.9 };
/**
 * The second held-out set keeps a lower bar on names: one of its documents lists its quick wins
 * as numbered paragraphs, not a table, which intake does not read (docs/intake.md says so).
 */
const UNSEEN_GATE = { precision: 0.95, recall: 0.9, fields: 0.9 };

interface CorpusSet {
  name: string;
  documents: CorpusDocument[];
  least: number;
  gate: typeof GATE;
  /** Every quick win of every document must be found. */
  allQuickWins: boolean;
}

const sets: CorpusSet[] = process.env.TIMBANG_CORPUS_DIR
  ? [
      {
        name: process.env.TIMBANG_CORPUS_DIR,
        documents: corpusDocuments(process.env.TIMBANG_CORPUS_DIR),
        least: 1,
        gate: GATE,
        allQuickWins: true,
      },
    ]
  : [
      { name: 'corpus', documents: corpusDocuments(CORPUS_DIR), least: 10, gate: GATE, allQuickWins: true },
      { name: 'held-out', documents: corpusDocuments(HOLDOUT_DIR), least: 5, gate: GATE, allQuickWins: true },
      { name: 'unseen', documents: corpusDocuments(UNSEEN_DIR), least: 5, gate: UNSEEN_GATE, allQuickWins: false },
    ];
let ocr: OcrEngine | undefined;
interface Row {
  set: string;
  document: string;
  format: 'pdf' | 'docx';
  accuracy: Accuracy;
  workspace: Workspace;
  documentId: number;
  corpus: CorpusDocument;
}
const rows: Row[] = [];

beforeAll(async () => {
  ocr = await createOcrEngine({ tessdataDir: join(RESOURCES_DIR, 'tessdata') });
  for (const set of sets) {
    expect(set.documents.length, `${set.name}: node scripts/masterplan-corpus.ts makes it`).toBeGreaterThanOrEqual(set.least);
    for (const document of set.documents) {
      for (const [format, path] of [
        ['pdf', document.pdf],
        ['docx', document.docx],
      ] as const) {
        if (!path) continue;
        const { workspace, result } = await importFile(path, { recognise: (image) => (ocr as OcrEngine).recognize(image) });
        const items = workspace.documents.inventory(result.submissionId);
        const byKind = (kind: string) => items.filter((item) => item.kind === kind);
        const programmes = accuracy(byKind('programme'), document.truth.programmes);
        const quickWins = accuracy(byKind('quick_win'), document.truth.quickWins);
        rows.push({
          set: set.name,
          document: document.id,
          format,
          accuracy: total([programmes, quickWins]),
          workspace,
          documentId: result.id,
          corpus: document,
        });
      }
    }
    const mine = rows.filter((row) => row.set === set.name);
    const sums = (['pdf', 'docx'] as const).map((format) => ({
      document: 'all',
      format,
      accuracy: total(mine.filter((row) => row.format === format).map((row) => row.accuracy)),
    }));
    console.log(
      `\nInventory accuracy, ${set.name} (${set.documents.length} documents)\n${accuracyTable(mine)}\n${accuracyTable(sums).split('\n').slice(2).join('\n')}\n`,
    );
    for (const row of mine) {
      const { missed, extra, fieldErrors } = row.accuracy;
      if (missed.length || extra.length || fieldErrors.length) {
        console.log(
          `${row.document} (${row.format}): missed ${JSON.stringify(missed.slice(0, 5))}, extra ${JSON.stringify(extra.slice(0, 5))}, fields ${JSON.stringify(fieldErrors.slice(0, 5))}`,
        );
      }
    }
  }
}, 900_000);

afterAll(async () => {
  for (const row of rows) row.workspace.close();
  await ocr?.close();
});

describe('intake accuracy on masterplans made by a word processor', () => {
  for (const set of sets) {
    for (const format of ['pdf', 'docx'] as const) {
      const { precision, recall, fields } = set.gate;
      it(`${set.name}, ${format.toUpperCase()}: names precision ≥ ${precision * 100}% and recall ≥ ${recall * 100}%, fields ≥ ${fields * 100}%`, () => {
        const sum = total(rows.filter((row) => row.set === set.name && row.format === format).map((row) => row.accuracy));
        expect(sum.truth).toBeGreaterThan(set.least * 25);
        expect(sum.precision).toBeGreaterThanOrEqual(precision);
        expect(sum.recall).toBeGreaterThanOrEqual(recall);
        expect(sum.fields).toBeGreaterThanOrEqual(fields);
      });
    }
  }

  it('no document falls far behind the rest (each ≥ 85% on names, ≥ 80% on fields)', () => {
    const behind = rows.filter((row) => row.accuracy.precision < 0.85 || row.accuracy.recall < 0.85 || row.accuracy.fields < 0.8);
    expect(behind.map((row) => `${row.document} (${row.format})`)).toEqual([]);
  });

  it('every quick win of every document is found (PDF and DOCX) where they stand in tables', () => {
    const missing = rows
      .filter((row) => sets.find((set) => set.name === row.set)?.allQuickWins)
      .flatMap((row) => {
        const found = row.workspace.documents
          .inventory(row.workspace.documents.get(row.documentId).submissionId)
          .filter((item) => item.kind === 'quick_win');
        return accuracy(found, row.corpus.truth.quickWins).missed.map((name) => `${row.document} (${row.format}): ${name}`);
      });
    expect(missing).toEqual([]);
  });

  it('flags the under-treated dimension of a document at the dimension level, and no other', () => {
    for (const row of rows.filter((entry) => entry.format === 'pdf')) {
      const flagged = row.workspace.documents
        .coverage(row.documentId)
        .filter((topic) => topic.kind === 'dimension' && topic.status !== 'ok')
        .map((topic) => topic.code)
        .sort();
      expect(flagged, row.document).toEqual([...row.corpus.truth.coverage.thinDimensions].sort());
    }
  });

  it('finds the words of scanned pages by search, on their page (OCR)', () => {
    const scans = rows.filter((row) => row.corpus.truth.scannedPages.length > 0 && row.format === 'pdf');
    expect(scans.length).toBeGreaterThanOrEqual(process.env.TIMBANG_CORPUS_DIR ? 0 : 4);
    for (const row of scans) {
      const document = row.workspace.documents.get(row.documentId);
      expect(document.ocrPages, row.document).toEqual(row.corpus.truth.scannedPages.map((page) => page.page));
      for (const scanned of row.corpus.truth.scannedPages) {
        const words = scanned.words.filter((word) => word.length >= 5).slice(0, 4);
        const found = words.filter((word) =>
          row.workspace.documents.search(word, { documentId: row.documentId }).some((hit) => hit.page === scanned.page),
        );
        expect(found.length, `${row.document} p${scanned.page}: ${words.join(', ')}`).toBeGreaterThanOrEqual(
          Math.ceil(words.length * 0.75),
        );
      }
    }
  });
});

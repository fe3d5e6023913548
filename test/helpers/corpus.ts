import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { truthSchema, type Truth } from '../../scripts/masterplan-corpus/truth.ts';
import { ROOT } from './cli.ts';

/** The masterplans made the way users make them (docx → LibreOffice Writer → PDF), with their truth. */
export const CORPUS_DIR = join(ROOT, 'test', 'fixtures', 'masterplans');
/** Five more, in table styles intake was not built on (banded rows, captions below, year ticks…); see docs/intake.md. */
export const HOLDOUT_DIR = join(ROOT, 'test', 'fixtures', 'masterplans-holdout');
/** Five more again (Word's grid styles, no key column, split budgets, a quick-win list in paragraphs…), measured blind once. */
export const UNSEEN_DIR = join(ROOT, 'test', 'fixtures', 'masterplans-unseen');

export interface CorpusDocument {
  id: string;
  truth: Truth;
  pdf: string;
  /** The DOCX it was made from; a scanned variant has none. */
  docx?: string;
}

export function corpusDocuments(dir = CORPUS_DIR): CorpusDocument[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.truth.json'))
    .sort()
    .map((name) => {
      const id = name.slice(0, -'.truth.json'.length);
      const truth = truthSchema.parse(JSON.parse(readFileSync(join(dir, name), 'utf8')));
      const docx = join(dir, `${id}.docx`);
      return { id, truth, pdf: join(dir, `${id}.pdf`), ...(existsSync(docx) ? { docx } : {}) };
    });
}

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { truthSchema, type Truth } from '../../scripts/masterplan-corpus/truth.ts';
import { ROOT } from './cli.ts';

/** The masterplans made the way users make them (docx → LibreOffice Writer → PDF), with their truth. */
export const CORPUS_DIR = process.env.TIMBANG_CORPUS_DIR ?? join(ROOT, 'test', 'fixtures', 'masterplans');

export interface CorpusDocument {
  id: string;
  truth: Truth;
  pdf: string;
  /** The DOCX it was made from; a scanned variant has none. */
  docx?: string;
}

export function corpusDocuments(): CorpusDocument[] {
  if (!existsSync(CORPUS_DIR)) return [];
  return readdirSync(CORPUS_DIR)
    .filter((name) => name.endsWith('.truth.json'))
    .sort()
    .map((name) => {
      const id = name.slice(0, -'.truth.json'.length);
      const truth = truthSchema.parse(JSON.parse(readFileSync(join(CORPUS_DIR, name), 'utf8')));
      const docx = join(CORPUS_DIR, `${id}.docx`);
      return { id, truth, pdf: join(CORPUS_DIR, `${id}.pdf`), ...(existsSync(docx) ? { docx } : {}) };
    });
}

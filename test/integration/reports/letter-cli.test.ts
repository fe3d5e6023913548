import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatPercent } from '../../../shared/format/number.ts';
import { timbang } from '../../helpers/cli.ts';
import { cohortWorkspace } from '../../helpers/cohort-workspace.ts';
import { tempDir } from '../../helpers/temp.ts';

/** Banggai and Makassar at Bimtek 3; Banggai's submission and its panel result. */
function seeded() {
  const dataDir = cohortWorkspace([
    { code: '72.01', cohort: 2022, stages: [3], strength: 0.35 },
    { code: '73.71', cohort: 2022, stages: [3], strength: 0.7 },
  ]);
  const summary = JSON.parse(timbang(['summary', '--json', '--regency', '72.01', '--data', dataDir]).stdout) as {
    submissionId: number;
    panel: { overall: { percent: number } };
  }[];
  const banggai = summary[0];
  if (!banggai) throw new Error('no Banggai');
  return { dataDir, banggai };
}

const docxWords = (path: string) =>
  execFileSync('unzip', ['-p', path, 'word/document.xml'], { encoding: 'utf8' })
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

describe('timbang letter', () => {
  it('writes the DOCX the extension asks for, with the ministry the settings name, and refuses other extensions', () => {
    const { dataDir, banggai } = seeded();
    const out = join(tempDir(), 'banggai.docx');
    const run = timbang(['letter', '--submission', String(banggai.submissionId), '--out', out, '--data', dataDir]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(`Laporan hasil ditulis ke ${out}.`);
    const text = docxWords(out);
    expect(text).toContain('Bupati Banggai');
    expect(text).toContain(formatPercent(banggai.panel.overall.percent, 'id'));
    expect(text).toContain('Kementerian Komunikasi dan Digital (Komdigi)');

    // The ministry is a setting; English with --lang.
    const set = timbang(['settings', 'set', '--ministry', 'Kementerian Komunikasi dan Informatika (Kominfo)', '--data', dataDir]);
    expect(set.status, set.stderr).toBe(0);
    const english = join(tempDir(), 'banggai-en.docx');
    const json = timbang([
      'letter',
      '--submission',
      String(banggai.submissionId),
      '--out',
      english,
      '--lang',
      'en',
      '--json',
      '--data',
      dataDir,
    ]);
    expect(json.status, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      file: english,
      format: 'docx',
      suggestedName: expect.stringMatching(/^laporan-hasil-72\.01-Kabupaten-Banggai-bimtek3-\d{4}-\d{2}-\d{2}\.docx$/),
    });
    const words = docxWords(english);
    expect(words).toContain('The Regent of Banggai');
    expect(words).toContain('Kementerian Komunikasi dan Informatika (Kominfo)');
    expect(words).toContain(formatPercent(banggai.panel.overall.percent, 'en'));

    const txt = join(tempDir(), 'banggai.txt');
    const refused = timbang(['letter', '--submission', String(banggai.submissionId), '--out', txt, '--data', dataDir]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`Laporan hasil ditulis sebagai .docx atau .pdf; “${txt}” berakhiran lain.`);
    expect(existsSync(txt)).toBe(false);
    const missing = timbang(['letter', '--out', out, '--data', dataDir]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('Sebutkan --submission ID dan --out BERKAS.docx atau BERKAS.pdf.');
  }, 120_000);

  it('writes the PDF the extension asks for (with electron/core/reports/letter-pdf.ts)', () => {
    const { dataDir, banggai } = seeded();
    const out = join(tempDir(), 'banggai.pdf');
    const run = timbang(['letter', '--submission', String(banggai.submissionId), '--out', out, '--data', dataDir]);
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Bupati Banggai');
    expect(text).toContain(formatPercent(banggai.panel.overall.percent, 'id'));
  }, 120_000);
});

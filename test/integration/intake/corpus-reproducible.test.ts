import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/cli.ts';
import { CORPUS_DIR, HOLDOUT_DIR, UNSEEN_DIR } from '../../helpers/corpus.ts';
import { tempDir } from '../../helpers/temp.ts';

/**
 * The corpus is what its script makes, not files edited by hand: one document (and its
 * scanned variant) made again with LibreOffice Writer gives the same DOCX, the same truth
 * and a PDF with the same text. CI installs LibreOffice Writer and the fonts for this.
 */
describe('the masterplan corpus', () => {
  it('held out, both sets, is made again, the same, by the same script', { timeout: 120_000 }, () => {
    for (const [id, dir] of [
      ['pekanbaru-2025', HOLDOUT_DIR],
      ['lampung-selatan-2025', UNSEEN_DIR],
    ] as const) {
      const out = tempDir();
      execFileSync(process.execPath, [join(ROOT, 'scripts', 'masterplan-corpus.ts'), '--only', id, '--out', out], {
        cwd: ROOT,
        stdio: 'pipe',
      });
      for (const file of [`${id}.docx`, `${id}.truth.json`]) {
        expect(readFileSync(join(out, file)).equals(readFileSync(join(dir, file))), file).toBe(true);
      }
    }
  });

  it('is made again, the same, by node scripts/masterplan-corpus.ts', { timeout: 120_000 }, () => {
    expect(spawnSync('soffice', ['--version']).error, 'LibreOffice Writer (apt-get install -y libreoffice-writer-nogui)').toBeUndefined();
    const out = tempDir();
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'masterplan-corpus.ts'), '--only', 'banggai-2024', '--out', out], {
      cwd: ROOT,
      stdio: 'pipe',
    });
    for (const file of ['banggai-2024.docx', 'banggai-2024.truth.json', 'banggai-2024-scan.truth.json']) {
      expect(readFileSync(join(out, file)).equals(readFileSync(join(CORPUS_DIR, file))), file).toBe(true);
    }
    for (const file of ['banggai-2024.pdf', 'banggai-2024-scan.pdf']) {
      const text = (path: string) => execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
      expect(text(join(out, file)), file).toBe(text(join(CORPUS_DIR, file)));
    }
  });
});

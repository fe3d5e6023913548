import { createTranslator, describeError } from '../../../shared/i18n/index.ts';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { letterChartPng } from '../../../electron/core/reports/letter-charts.ts';
import { renderLetterPdf } from '../../../electron/core/reports/letter-pdf.ts';
import { sampleLetter } from '../../helpers/letter-pdf-sample.ts';
import { tempDir } from '../../helpers/temp.ts';

/**
 * Without the charts' font the letter still comes out, without its charts (a file of its own: the chart
 * font, once loaded, stays loaded for the process).
 */
const FONTS = join(import.meta.dirname, '../../../resources/fonts');
const OUT = join(import.meta.dirname, '../../../test-results/letter');

describe('the result letter without fonts', () => {
  it('leaves the charts out when they cannot be drawn, and is otherwise whole', async () => {
    const missing = join(tempDir(), 'no-fonts-here');
    const document = sampleLetter('id');
    const charts = document.blocks.flatMap((block) => (block.kind === 'chart' ? [block.chart] : []));
    expect(charts).toHaveLength(2);
    for (const chart of charts) expect(await letterChartPng(chart, missing, 'id')).toBeUndefined();

    const pdf = await renderLetterPdf(document, { fontsDir: FONTS, chartPng: (chart) => letterChartPng(chart, missing, 'id') });
    mkdirSync(OUT, { recursive: true });
    const path = join(OUT, 'letter-no-charts.pdf');
    writeFileSync(path, pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.subarray(-6).toString()).toMatch(/%%EOF\s*$/);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))?.[1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    const images = execFileSync('pdfimages', ['-list', path], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(images).toEqual([]);
    const text = execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' }).split(/\s+/).join(' ');
    expect(text).toContain(document.title);
    expect(text).toContain('Dr. Ir. Siti Rahmawati, M.T.');
    expect(text).toContain(`Halaman ${pages} dari ${pages}`);
  });

  it('refuses, saying which file, when the letter font itself is missing', async () => {
    const missing = join(tempDir(), 'no-fonts-here');
    const error = await renderLetterPdf(sampleLetter('en'), { fontsDir: missing, chartPng: async () => undefined }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ code: 'letter.font_missing' });
    expect((error as Error).message).toMatch(/DejaVuSans\.ttf/);
    // Said to the user in their language, with what to do.
    expect(describeError(createTranslator('id'), error as never)).toMatch(/huruf .*DejaVuSans\.ttf.* tidak ditemukan.*versi Word/);
  });
});

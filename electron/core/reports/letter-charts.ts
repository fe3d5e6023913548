import type { Language } from '../../../shared/domain/settings.ts';
import type { LetterChart } from '../../../shared/report/letter-document.ts';
import { dimensionBarsPng } from './chart-images.ts';

/** A letter's chart as a PNG (both the DOCX and the PDF take pictures); undefined without the font. */
export async function letterChartPng(chart: LetterChart, fontsDir: string, language: Language): Promise<Buffer | undefined> {
  return dimensionBarsPng(
    fontsDir,
    chart.points.map((point) => ({ label: point.label, percent: point.panel })),
    chart.passMark,
    language,
    { title: chart.caption, passMark: chart.passMarkLabel },
  );
}

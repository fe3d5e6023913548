import { AppError } from '../../../shared/errors.ts';
import type { Language } from '../../../shared/domain/settings.ts';
import { dayOf, fileNameOf } from '../../../shared/format/file-name.ts';
import { createTranslator } from '../../../shared/i18n/index.ts';
import { allTopics, type Lexicon } from '../../../shared/intake/lexicon.ts';
import { cohortEntryOf, stagePeers } from '../../../shared/analytics/charts.ts';
import { buildLetter, type LetterInput, type LetterPeer } from '../../../shared/report/letter.ts';
import type { LetterChart, LetterDocument } from '../../../shared/report/letter-document.ts';
import type { Title } from '../../../shared/rubric/schema.ts';
import { query } from '../db/query.ts';
import { letterChartPng } from '../reports/letter-charts.ts';
import { renderLetterDocx } from '../reports/letter-docx.ts';
import { renderLetterPdf } from '../reports/letter-pdf.ts';
import type { ServiceContext } from './context.ts';
import type { DocumentService } from './documents.ts';
import type { PanelViews } from './panel-views.ts';
import type { RegencyService } from './regencies.ts';
import type { SettingsService } from './settings.ts';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const PDF_MIME = 'application/pdf';
export const LETTER_FORMATS = ['docx', 'pdf'] as const;
export type LetterFormat = (typeof LETTER_FORMATS)[number];

/**
 * The result letter of a submission ("Laporan Hasil Penilaian Masterplan Smart City"): its
 * content gathered from the panel, the cohort, the notes and the quick wins, laid out once
 * (shared/report/letter.ts) and rendered as DOCX (to finish and sign in Word) or PDF.
 */
export function createLetterService(
  ctx: ServiceContext,
  deps: {
    panels: PanelViews;
    regencies: RegencyService;
    settings: SettingsService;
    documents: DocumentService;
    /** The coverage lexicon, for the names of the quick wins' dimensions; absent without the resources folder. */
    lexicon?: () => Lexicon;
    /** resources/fonts, for the charts (and the PDF); without it the letter has no pictures. */
    fontsDir?: string;
  },
) {
  const { panels, regencies, settings, documents } = deps;

  /** What the letter says, gathered: refused while the panel's result is hidden from me. */
  function input(submissionId: number, rubricId?: string): LetterInput {
    const computed = panels.open(submissionId, rubricId);
    // My own assessment is a draft: the panel's result would give the others' scores away.
    if (computed.hidden) throw new AppError('letter.hidden', { submission: submissionId });
    const { found, rubric, options } = computed;
    const regency = regencies.get(found.regencyCode);
    const current = settings.get();

    // Ranked against the same rubric's results at the same stage (or evaluation year), each one the user may see.
    const byCode = new Map(regencies.list({}).map((entry) => [entry.code, entry]));
    const peers: LetterPeer[] = panels
      .summary()
      .filter(
        (summary) =>
          summary.rubricId === computed.rubricId &&
          !summary.panel.hidden &&
          summary.panel.overall.percent !== null &&
          stagePeers(summary) === stagePeers(found),
      )
      .map((summary) => cohortEntryOf(summary, byCode.get(summary.regencyCode)));

    const counted = new Set(computed.counted.map((member) => member.id));
    const notesOf = query<{ criterion_code: string; note: string }>(
      ctx.db,
      "SELECT criterion_code, note FROM assessment_score WHERE assessment_id = ? AND trim(note) != '' ORDER BY criterion_code",
    );
    const notes = computed.counted.flatMap((member) =>
      notesOf.all(member.id).map((row) => ({ criterion: row.criterion_code, author: member.assessor_name, text: row.note })),
    );

    const lead = panels.leadOf(submissionId, computed.rubricId);
    const leadMember = lead ? computed.assessors.find((member) => member.assessor_id === lead.id) : undefined;

    // A quick win's dimension by name: the rubric's own title where the codes meet, else the lexicon's.
    const titles = new Map<string, Title>();
    try {
      if (deps.lexicon) for (const topic of allTopics(deps.lexicon())) titles.set(topic.code, topic.title);
    } catch {
      // No lexicon (no resources folder): the rubric's titles still name the dimensions.
    }
    for (const item of rubric.items) titles.set(item.code, item.title);
    const quickWins = documents
      .inventory(submissionId)
      .filter((item) => item.kind === 'quick_win' && item.status !== 'rejected')
      .map((item) => ({
        name: item.name,
        dimension: item.dimension ? (titles.get(item.dimension) ?? { id: item.dimension }) : null,
        agency: item.agency,
        year: item.year,
        status: item.status as 'found' | 'confirmed',
      }));

    return {
      submissionId,
      ministry: current.ministry,
      madeAt: ctx.now(),
      regency: { code: regency.code, name: regency.name, provinceCode: regency.provinceCode, provinceName: regency.provinceName },
      submission: { kind: found.kind, stage: found.stage, year: found.year },
      rubric,
      options,
      panelScores: computed.scores,
      members: computed.assessors.map((member) => ({
        id: member.assessor_id,
        name: member.assessor_name,
        institution: member.assessor_institution,
        status: member.status,
        counted: counted.has(member.id),
      })),
      lead: lead ? { id: lead.id, name: lead.name, institution: leadMember?.assessor_institution ?? '' } : null,
      self: computed.publishedSelf
        ? { name: computed.publishedSelf.assessor_name, scores: panels.scoresOf(computed.publishedSelf.id) }
        : null,
      peers,
      notes,
      quickWins,
    };
  }

  /** The letter laid out in the reader's language (the settings' unless asked). */
  function document(submissionId: number, options: { rubricId?: string; language?: Language } = {}): LetterDocument {
    const language = options.language ?? settings.get().language;
    return buildLetter(input(submissionId, options.rubricId), createTranslator(language), language);
  }

  /** The letter as a DOCX or PDF file, named after the regency, the stage and the day. */
  async function letter(
    submissionId: number,
    format: LetterFormat,
    options: { rubricId?: string; language?: Language } = {},
  ): Promise<{ fileName: string; mimeType: string; data: Buffer }> {
    if (!LETTER_FORMATS.includes(format)) throw new AppError('letter.format', { format });
    const gathered = input(submissionId, options.rubricId);
    const language = options.language ?? settings.get().language;
    const laid = buildLetter(gathered, createTranslator(language), language);
    const { fontsDir } = deps;
    const chartPng = (chart: LetterChart) => (fontsDir ? letterChartPng(chart, fontsDir, laid.language) : Promise.resolve(undefined));
    let data: Buffer;
    if (format === 'docx') data = await renderLetterDocx(laid, chartPng);
    else {
      if (!fontsDir) throw new AppError('letter.font_missing', { font: 'DejaVuSans.ttf' });
      data = await renderLetterPdf(laid, { fontsDir, chartPng, createdAt: new Date(gathered.madeAt) });
    }
    const { regency, submission } = gathered;
    const what = submission.kind === 'bimtek' ? `bimtek${submission.stage}` : `evaluasi${submission.year}`;
    return {
      fileName: fileNameOf(['laporan-hasil', regency.code, regency.name, what, dayOf(gathered.madeAt)], format),
      mimeType: format === 'docx' ? DOCX_MIME : PDF_MIME,
      data,
    };
  }

  return { input, document, letter };
}

export type LetterService = ReturnType<typeof createLetterService>;

import { cohortRanking, dimensionPoints, gapBars, stagePeers, standing, type StagedCohortEntry } from '../analytics/charts.ts';
import { pathToPass, type Improvement, type TargetPlan } from '../analytics/path-to-pass.ts';
import { compareSelfWithPanel, SAME_MARGIN } from '../assessment/compare.ts';
import type { AssessmentStatus } from '../assessment/model.ts';
import { criterionPaths } from '../assessment/results.ts';
import type { Language } from '../domain/settings.ts';
import { formatLongDate } from '../format/date.ts';
import { formatGap, formatNumber, formatPercent } from '../format/number.ts';
import { submissionLabel, type Translate } from '../i18n/index.ts';
import type { Rubric, Title } from '../rubric/schema.ts';
import { resultsByCode, scoreRubric, type ScoreOptions, type Scores } from '../rubric/score.ts';
import type { LetterBlock, LetterCell, LetterChart, LetterDocument, LetterTone } from './letter-document.ts';

/**
 * What a result letter says, gathered from the workspace: the regency, the submission, the
 * rubric with the panel's (and the self-assessment's) scores, the panel, the regencies it is
 * ranked against, the assessors' notes and the quick wins. The numbers are computed here the
 * way the panel views and the dashboard compute them, so the letter says what the app says.
 */
export interface LetterInput {
  submissionId: number;
  /** The receiving ministry as the settings name it. */
  ministry: string;
  /** When the letter is made (ISO). */
  madeAt: string;
  regency: { code: string; name: string; provinceCode: string; provinceName: string };
  submission: { kind: 'bimtek' | 'evaluation'; stage: number | null; year: number | null };
  rubric: Rubric;
  /** The pass mark and the Bimtek stage the rubric is scored at. */
  options: ScoreOptions & { passMark: number };
  /** The panel's scores: agreed where the lead set them, else the aggregate (may lie between levels). */
  panelScores: Scores;
  members: { id: string; name: string; institution: string; status: AssessmentStatus; counted: boolean }[];
  lead: { id: string; name: string; institution: string } | null;
  self: { name: string; scores: Scores } | null;
  /** Results to rank against (this submission among them): the same rubric, each regency at most once per stage. */
  peers: LetterPeer[];
  /** The counted assessors' notes per criterion. */
  notes: { criterion: string; author: string; text: string }[];
  quickWins: { name: string; dimension: Title | null; agency: string | null; year: string | null; status: 'found' | 'confirmed' }[];
}

/** A result ranked against: its stage (or evaluation year) says which others it is ranked with. */
export type LetterPeer = StagedCohortEntry;

/** At most this many notes quoted as strengths, and as many as weaknesses. */
const NOTED_CRITERIA = 5;
/**
 * A letter, not the whole plan: the path for the overall result lists at most this many
 * improvements, and each dimension below the pass mark its best DIMENSION_STEPS; the rest is
 * one line ("…dan 12 langkah lain").
 */
export const OVERALL_STEPS = 5;
export const DIMENSION_STEPS = 2;
/** A note longer than this is quoted up to a word boundary, with "…". */
const NOTE_CHARS = 600;

const local = (title: Title, language: Language) => (language === 'en' && title.en ? title.en : title.id);

function quote(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= NOTE_CHARS) return clean;
  const cut = clean.slice(0, NOTE_CHARS);
  const space = cut.lastIndexOf(' ');
  return `${(space > NOTE_CHARS / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/** "Bupati Banggai" for a Kabupaten, "Wali Kota Palu" for a Kota; `office` picks the salutation. */
function headOf(regencyName: string, t: Translate): { office: 'regent' | 'mayor' | 'head'; name: string } {
  const kabupaten = /^kabupaten\s+/i.exec(regencyName);
  if (kabupaten) return { office: 'regent', name: t('letter.regent', { name: regencyName.slice(kabupaten[0].length) }) };
  const kota = /^kota\s+/i.exec(regencyName);
  if (kota) return { office: 'mayor', name: t('letter.mayor', { name: regencyName.slice(kota[0].length) }) };
  return { office: 'head', name: t('letter.head', { name: regencyName }) };
}

const toneOf = (percent: number | null, passMark: number): LetterTone => standing(percent, passMark);

/** The letter as a laid-out document in `language`, every number formatted. */
export function buildLetter(input: LetterInput, t: Translate, language: Language): LetterDocument {
  const { rubric, options, regency } = input;
  const passMark = options.passMark;
  const percent = (value: number | null) => (value === null ? '–' : formatPercent(value, language));
  const points = (value: number) => formatNumber(value, language, 1);
  // As set (72,5% stays 72,5%): the letter must not round the mark a result is measured against.
  const passMarkText = formatPercent(passMark, language);
  const stage = submissionLabel(t, input.submission);
  const rubricName = local(rubric.name, language);
  const date = formatLongDate(input.madeAt, language);

  const result = scoreRubric(rubric, input.panelScores, { ...options, betweenLevels: true });
  const comparison = input.self ? compareSelfWithPanel(rubric, input.self.scores, input.panelScores, options) : null;
  const dimensions = dimensionPoints(result, comparison?.self ?? null);
  const band = result.band ? local(result.band.label, language) : t('letter.noBand');
  const blocks: LetterBlock[] = [];

  // The address and the opening: to the regent or mayor, from the panel on behalf of the ministry.
  const head = headOf(regency.name, t);
  blocks.push(
    { kind: 'paragraph', text: t('letter.to', { head: head.name }), style: 'strong' },
    { kind: 'paragraph', text: t('letter.at', { regency: regency.name, province: regency.provinceName }) },
    { kind: 'paragraph', text: t(`letter.salutation.${head.office}`) },
    {
      kind: 'paragraph',
      text: t('letter.opening', { ministry: input.ministry, regency: regency.name, stage, rubric: rubricName }),
    },
  );

  // Summary first.
  blocks.push({ kind: 'heading', text: t('letter.summary'), level: 1 });
  const resultParams = { percent: percent(result.percent), band, gap: formatGap(result.gap, language), passMark: passMarkText };
  blocks.push({
    kind: 'paragraph',
    style: 'strong',
    text:
      result.percent === null
        ? t('letter.resultNone')
        : result.passed
          ? t('letter.resultPassed', resultParams)
          : t('letter.resultBelow', resultParams),
  });
  if (!result.complete && result.percent !== null) blocks.push({ kind: 'paragraph', text: t('letter.provisional'), style: 'muted' });

  const memberText = (member: LetterInput['members'][number]) =>
    member.counted
      ? `${member.name} (${member.institution || '–'})`
      : t('letter.memberNotCounted', { name: member.name, status: t(`assessment.status.${member.status}`).toLowerCase() });
  const ranked = rankOf(input);
  const rankText = (found: { rank: number | null; of: number } | null) =>
    found && found.rank !== null ? t('letter.facts.rankValue', { rank: found.rank, of: found.of }) : t('letter.facts.noRank');
  blocks.push({
    kind: 'facts',
    rows: [
      { label: t('letter.facts.regency'), value: `${regency.name} (${regency.code})` },
      { label: t('letter.facts.province'), value: `${regency.provinceName} (${regency.provinceCode})` },
      { label: t('letter.facts.stage'), value: stage },
      {
        label: t('letter.facts.rubric'),
        value: t('letter.facts.rubricValue', { name: rubricName, version: rubric.version }),
      },
      { label: t('letter.facts.panel'), value: input.members.map(memberText).join('; ') || '–' },
      { label: t('letter.facts.lead'), value: input.lead?.name ?? '–' },
      { label: t('letter.facts.overall'), value: percent(result.percent) },
      { label: t('letter.facts.band'), value: result.percent === null ? '–' : band },
      {
        label: t('letter.facts.gap', { passMark: passMarkText }),
        value: result.gap === null ? '–' : t('letter.facts.gapValue', { gap: formatGap(result.gap, language) }),
      },
      {
        label: t('letter.facts.status'),
        value: result.passed === null ? '–' : result.passed ? t('letter.facts.passed') : t('letter.facts.notPassed'),
      },
      { label: t('letter.facts.rankNational', { stage }), value: rankText(ranked.national) },
      { label: t('letter.facts.rankProvince', { province: regency.provinceName, stage }), value: rankText(ranked.province) },
      ...(comparison && input.self
        ? [
            {
              label: t('letter.facts.self'),
              value: t('letter.facts.selfValue', { percent: percent(comparison.self.percent), name: input.self.name }),
            },
          ]
        : []),
    ],
  });

  // Every dimension, by name, with its result and gap; then the charts.
  blocks.push(
    { kind: 'heading', text: t('letter.dimensions'), level: 1 },
    { kind: 'paragraph', text: t('letter.dimensionsIntro', { passMark: passMarkText }) },
  );
  const standingText = (value: number | null) =>
    value === null ? t('letter.noResult') : toneOf(value, passMark) === 'above' ? t('letter.above') : t('letter.below');
  blocks.push({
    kind: 'table',
    columns: [
      { title: t('letter.columns.dimension'), width: 4, align: 'left' },
      { title: t('letter.columns.panel'), width: 1.4, align: 'right' },
      { title: t('letter.columns.gap'), width: 1.4, align: 'right' },
      { title: t('letter.columns.status'), width: 2.4, align: 'left' },
    ],
    rows: dimensions.map((point): LetterCell[] => {
      const tone = toneOf(point.panel, passMark);
      return [
        { text: local(point.title, language) },
        { text: percent(point.panel), tone, strong: true },
        { text: formatGap(point.gap, language), tone },
        { text: standingText(point.panel), tone },
      ];
    }),
  });
  const chartPoints = (ordered: typeof dimensions) =>
    ordered.map((point) => ({ label: local(point.title, language), panel: point.panel, self: comparison ? point.self : null }));
  const series = { panel: t('letter.seriesPanel'), self: comparison ? t('letter.seriesSelf') : null };
  const chart = (kind: LetterChart['kind'], caption: string, ordered: typeof dimensions): LetterBlock => ({
    kind: 'chart',
    chart: {
      kind,
      caption,
      passMark,
      passMarkLabel: t('letter.passMarkLabel', { passMark: passMarkText }),
      series,
      points: chartPoints(ordered),
    },
  });
  if (dimensions.length > 0) {
    blocks.push(chart('radar', t('letter.radar'), dimensions), chart('gaps', t('letter.gapsChart'), gapBars(dimensions)));
  }

  // The self-assessment beside the panel.
  if (comparison && input.self) {
    blocks.push(
      { kind: 'heading', text: t('letter.self'), level: 1 },
      {
        kind: 'paragraph',
        text: t('letter.selfIntro', {
          name: input.self.name,
          self: percent(comparison.overall.self),
          panel: percent(comparison.overall.panel),
          difference: formatGap(comparison.overall.difference, language),
          margin: SAME_MARGIN,
        }),
      },
      {
        kind: 'table',
        columns: [
          // Widths that keep "mandiri lebih tinggi" on one line in both renderers.
          { title: t('letter.columns.dimension'), width: 3.6, align: 'left' },
          { title: t('letter.columns.self'), width: 1.2, align: 'right' },
          { title: t('letter.columns.panel'), width: 1.1, align: 'right' },
          { title: t('letter.columns.difference'), width: 1.5, align: 'right' },
          { title: t('letter.columns.status'), width: 2.8, align: 'left' },
        ],
        rows: comparison.rows
          .filter((row) => row.depth === 0)
          .map((row): LetterCell[] => [
            { text: local(row.title, language) },
            { text: percent(row.self), tone: toneOf(row.self, passMark) },
            { text: percent(row.panel), tone: toneOf(row.panel, passMark), strong: true },
            { text: formatGap(row.difference, language) },
            { text: t(`letter.direction.${row.direction}`) },
          ]),
      },
    );
  }

  // The path to the pass mark, in plain words.
  blocks.push({ kind: 'heading', text: t('letter.path'), level: 1 });
  if (result.percent === null) blocks.push({ kind: 'paragraph', text: t('letter.pathNone') });
  else {
    const plan = pathToPass(rubric, input.panelScores, options);
    if (!plan.overall && plan.groups.length === 0) blocks.push({ kind: 'paragraph', text: t('letter.pathAllAbove') });
    else {
      blocks.push({
        kind: 'paragraph',
        text: t('letter.pathIntro', { overall: OVERALL_STEPS, dimension: DIMENSION_STEPS }),
        style: 'muted',
      });
      // Under a dimension's own plan its steps do not name it again.
      const step = (improvement: Improvement, inGroup: boolean) =>
        t(improvement.groupTitle && !inGroup ? 'letter.step' : 'letter.stepTop', {
          title: local(improvement.title, language),
          group: improvement.groupTitle ? local(improvement.groupTitle, language) : '',
          from: formatNumber(improvement.from, language, 2),
          to: formatNumber(improvement.to, language, 2),
          points: points(improvement.gain),
        });
      const summaryOf = (target: TargetPlan, name: string) =>
        !target.reachable
          ? t('letter.pathUnreachable', { name, best: percent(target.best) })
          : target.target === ''
            ? t('letter.pathOverall', { current: percent(target.current), needed: points(target.needed), count: target.steps })
            : t('letter.pathGroup', { name, current: percent(target.current), needed: points(target.needed), count: target.steps });
      // The best improvements (highest gain per step first), then one line for the rest.
      const steps = (target: TargetPlan, most: number): LetterBlock[] => {
        const shown = target.improvements.slice(0, most);
        const rest = target.improvements.slice(most);
        const more: LetterBlock[] = rest.length
          ? [
              {
                kind: 'paragraph',
                style: 'muted',
                text: t('letter.pathMore', {
                  count: rest.reduce((sum, improvement) => sum + improvement.steps, 0),
                  points: points(rest.reduce((sum, improvement) => sum + improvement.gain, 0)),
                }),
              },
            ]
          : [];
        return [
          ...(shown.length
            ? [{ kind: 'list', ordered: true, items: shown.map((improvement) => step(improvement, target.target !== '')) } as LetterBlock]
            : []),
          ...more,
        ];
      };
      if (plan.overall) {
        blocks.push(
          { kind: 'paragraph', text: summaryOf(plan.overall, t('letter.facts.overall')), style: 'strong' },
          ...steps(plan.overall, OVERALL_STEPS),
        );
      }
      if (plan.groups.length > 0) {
        blocks.push({ kind: 'heading', text: t('letter.dimensionPlans'), level: 2 });
        for (const target of plan.groups) {
          blocks.push(
            { kind: 'paragraph', text: summaryOf(target, local(target.title, language)), style: 'strong' },
            ...steps(target, DIMENSION_STEPS),
          );
        }
      }
    }
  }

  // Strengths and weaknesses, quoted from the panel's notes.
  blocks.push({ kind: 'heading', text: t('letter.notes', {}), level: 1 });
  const noted = notedCriteria(input, result, passMark);
  if (noted.strengths.length === 0 && noted.weaknesses.length === 0) blocks.push({ kind: 'paragraph', text: t('letter.noNotes') });
  else {
    const item = (entry: NotedCriterion, note: { author: string; text: string }) =>
      t(entry.group ? 'letter.note' : 'letter.noteTop', {
        criterion: local(entry.title, language),
        group: entry.group ? local(entry.group, language) : '',
        percent: percent(entry.percent),
        text: quote(note.text),
        author: note.author,
      });
    // At most NOTED_CRITERIA quotes a list: each criterion's first note before any criterion's second, in the criteria's order.
    const items = (entries: NotedCriterion[]) => {
      const picked: { order: number; text: string }[] = [];
      for (let round = 0; picked.length < NOTED_CRITERIA && entries.some((entry) => entry.notes.length > round); round++) {
        entries.forEach((entry, index) => {
          const note = entry.notes[round];
          if (note && picked.length < NOTED_CRITERIA) picked.push({ order: index * 1000 + round, text: item(entry, note) });
        });
      }
      return picked.sort((a, b) => a.order - b.order).map((entry) => entry.text);
    };
    blocks.push(
      { kind: 'paragraph', text: t('letter.notesIntro'), style: 'muted' },
      { kind: 'heading', text: t('letter.strengths'), level: 2 },
      noted.strengths.length
        ? { kind: 'list', ordered: false, items: items(noted.strengths) }
        : { kind: 'paragraph', text: t('letter.noStrengths') },
      { kind: 'heading', text: t('letter.weaknesses'), level: 2 },
      noted.weaknesses.length
        ? { kind: 'list', ordered: false, items: items(noted.weaknesses) }
        : { kind: 'paragraph', text: t('letter.noWeaknesses') },
    );
  }

  // The quick wins, with their status.
  blocks.push({ kind: 'heading', text: t('letter.quickWins'), level: 1 });
  if (input.quickWins.length === 0) blocks.push({ kind: 'paragraph', text: t('letter.quickWinsNone') });
  else
    blocks.push(
      { kind: 'paragraph', text: t('letter.quickWinsIntro') },
      {
        kind: 'table',
        columns: [
          // The status ("terbaca dari dokumen, belum dikonfirmasi") in two lines at most; a year needs little.
          { title: t('letter.columns.name'), width: 2.9, align: 'left' },
          { title: t('letter.columns.dimension'), width: 2.4, align: 'left' },
          { title: t('letter.columns.agency'), width: 2.2, align: 'left' },
          { title: t('letter.columns.year'), width: 1.3, align: 'left' },
          { title: t('letter.columns.quickWinStatus'), width: 3.4, align: 'left' },
        ],
        rows: input.quickWins.map((win): LetterCell[] => [
          { text: win.name },
          { text: win.dimension ? local(win.dimension, language) : '–' },
          { text: win.agency ?? '–' },
          { text: win.year ?? '–' },
          { text: t(`letter.status.${win.status}`), ...(win.status === 'confirmed' ? { strong: true } : {}) },
        ]),
      },
    );

  // The closing and the panel's signatures: the lead as chair, then every counted member.
  blocks.push({ kind: 'paragraph', text: t('letter.closing') });
  const signers: { role: string; name: string; institution: string }[] = [];
  if (input.lead) signers.push({ role: t('letter.chair'), name: input.lead.name, institution: input.lead.institution });
  for (const member of input.members) {
    // By person, not by name: two assessors may share a name.
    if (!member.counted || (input.lead && member.id === input.lead.id)) continue;
    signers.push({ role: t('letter.member'), name: member.name, institution: member.institution });
  }
  blocks.push({
    kind: 'signatures',
    intro: t('letter.signatures', { ministry: input.ministry }),
    placeAndDate: t('letter.placeAndDate', { date }),
    signers,
  });

  return {
    language,
    ministry: input.ministry,
    title: t('letter.title'),
    subtitle: t('letter.subtitle', { regency: regency.name, code: regency.code, stage }),
    footer: t('letter.footer', { date }),
    pageLabel: t('letter.pageLabel'),
    blocks,
  };
}

/** The submission's rank nationally and within its province, among the results at the same stage (or year). */
export function rankOf(input: Pick<LetterInput, 'peers' | 'submissionId' | 'options'>): {
  national: { rank: number | null; of: number } | null;
  province: { rank: number | null; of: number } | null;
} {
  const ranked = cohortRanking(input.peers, input.options.passMark, stagePeers);
  const mine = ranked.find((entry) => entry.submissionId === input.submissionId);
  if (!mine) return { national: null, province: null };
  const sameStage = ranked.filter((entry) => stagePeers(entry) === stagePeers(mine) && entry.overall !== null);
  return {
    national: { rank: mine.rank, of: sameStage.length },
    province: { rank: mine.rankInProvince, of: sameStage.filter((entry) => entry.provinceCode === mine.provinceCode).length },
  };
}

interface NotedCriterion {
  code: string;
  title: Title;
  group: Title | null;
  percent: number;
  notes: { author: string; text: string }[];
}

/**
 * The criteria the panel wrote notes on: the highest-scoring at or above the pass mark (the
 * strengths) and the lowest below it (the weaknesses), at most NOTED_CRITERIA each. Empty notes
 * are left out; the notes are quoted, never rewritten.
 */
function notedCriteria(
  input: Pick<LetterInput, 'notes' | 'rubric'>,
  result: ReturnType<typeof scoreRubric>,
  passMark: number,
): { strengths: NotedCriterion[]; weaknesses: NotedCriterion[] } {
  const byCode = resultsByCode(result);
  const paths = criterionPaths(input.rubric);
  const grouped = new Map<string, { author: string; text: string }[]>();
  for (const note of input.notes) {
    if (!note.text.trim()) continue;
    grouped.set(note.criterion, [...(grouped.get(note.criterion) ?? []), { author: note.author, text: note.text }]);
  }
  const entries: NotedCriterion[] = [];
  for (const [code, notes] of grouped) {
    const node = byCode.get(code);
    if (!node || node.kind !== 'criterion' || node.percent === null) continue;
    const top = paths.get(code)?.[0];
    const group = top ? byCode.get(top) : undefined;
    entries.push({ code, title: node.title, group: group?.title ?? null, percent: node.percent, notes });
  }
  const strengths = entries
    .filter((entry) => standing(entry.percent, passMark) === 'above')
    .sort((a, b) => b.percent - a.percent || a.code.localeCompare(b.code))
    .slice(0, NOTED_CRITERIA);
  const weaknesses = entries
    .filter((entry) => standing(entry.percent, passMark) === 'below')
    .sort((a, b) => a.percent - b.percent || a.code.localeCompare(b.code))
    .slice(0, NOTED_CRITERIA);
  return { strengths, weaknesses };
}

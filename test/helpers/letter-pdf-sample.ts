import type { Language } from '../../shared/domain/settings.ts';
import type { LetterChart, LetterDocument } from '../../shared/report/letter-document.ts';
import { formatGap, formatPercent, formatScore } from '../../shared/format/number.ts';

/**
 * A result letter written by hand for the PDF renderer's tests, as the content builder would
 * write it: Kabupaten Banggai at Bimtek 3, six dimensions with long names, a criteria table long
 * enough to cross a page, three signers. Every number already formatted in the letter's language.
 */
const DIMENSIONS: { id: string; en: string; panel: number; self: number }[] = [
  {
    id: 'Tata Kelola Pemerintahan Cerdas (Smart Governance)',
    en: 'Smart Governance (public service, bureaucracy and policy)',
    panel: 78.5,
    self: 85,
  },
  { id: 'Pencitraan Daerah Cerdas (Smart Branding)', en: 'Smart Branding (tourism, business and city appearance)', panel: 61.25, self: 80 },
  { id: 'Ekonomi Cerdas (Smart Economy)', en: 'Smart Economy', panel: 72, self: 75 },
  {
    id: 'Kehidupan Cerdas: Tata Ruang, Kesehatan dan Transportasi (Smart Living)',
    en: 'Smart Living: spatial planning, health and mobility',
    panel: 55.4,
    self: 70,
  },
  { id: 'Masyarakat Cerdas (Smart Society)', en: 'Smart Society', panel: 83.75, self: 82.5 },
  { id: 'Lingkungan Cerdas (Smart Environment)', en: 'Smart Environment (waste and energy)', panel: 64.1, self: 60 },
];

const WORDS = {
  id: {
    title: 'Laporan Hasil Penilaian Masterplan Smart City',
    subtitle: 'Kabupaten Banggai (72.01) · Bimtek 3',
    footer: 'Timbang · dibuat 30 November 2026',
    pageLabel: 'Halaman {page} dari {pages}',
    passMark: 'Batas lulus',
    panel: 'Penilaian panel',
    self: 'Penilaian mandiri DKISP',
    radar: 'Capaian per dimensi',
    gaps: 'Selisih terhadap batas lulus (poin persentase)',
    summary: 'Ringkasan',
    facts: [
      ['Kabupaten/Kota', 'Kabupaten Banggai (72.01)'],
      ['Provinsi', 'Sulawesi Tengah'],
      ['Tahap', 'Bimtek 3: inovasi untuk setiap program'],
      ['Rubrik', 'Rubrik Masterplan Smart City 2026, versi 2'],
      ['Skor keseluruhan', '69,17% (batas lulus 70%)'],
    ],
    intro:
      'Berdasarkan hasil Bimbingan Teknis tahap 3 Gerakan Smart City Nasional, panel penilai telah menilai dokumen Masterplan Smart City Kabupaten Banggai. Laporan ini memuat skor per dimensi, selisih terhadap batas lulus, dan catatan perbaikan yang perlu ditindaklanjuti sebelum Bimtek 4.',
    verdict: 'Skor keseluruhan 69,17% masih di bawah batas lulus 70%: kurang 0,83 poin.',
    dimensionsHeading: 'Skor per dimensi',
    columns: ['Dimensi', 'Panel', 'Mandiri', 'Selisih'],
    criteriaHeading: 'Rincian kriteria',
    criteriaColumns: ['Kode', 'Kriteria', 'Skor', 'Catatan panel'],
    criteriaCaption: 'Skor setiap kriteria pada skala 1–5; catatan dari panel penilai.',
    notesHeading: 'Catatan perbaikan',
    notes: [
      'Lengkapi analisis kesenjangan untuk dimensi Kehidupan Cerdas dengan data layanan ambulans gratis.',
      'Pastikan setiap program dipetakan ke RPJMD dan Renstra OPD yang bertanggung jawab.',
      'Pilih paling sedikit tiga quick win yang benar-benar dapat dilaksanakan pada tahun pertama dan kedua.',
    ],
    closing: 'Dokumen ini dibuat oleh Timbang dan ditandatangani oleh panel penilai.',
    signIntro: 'Demikian laporan ini dibuat untuk dipergunakan sebagaimana mestinya.',
    placeAndDate: 'Jakarta, 30 November 2026',
    signers: [
      { role: 'Ketua panel', name: 'Dr. Ir. Siti Rahmawati, M.T.', institution: 'Institut Teknologi Bandung' },
      { role: 'Anggota', name: 'Bambang Priyanto, S.Kom., M.Sc.', institution: 'Universitas Gadjah Mada' },
      { role: 'Anggota', name: 'Ayu Lestari Wulandari, S.T.', institution: 'Komdigi, Direktorat Aptika' },
    ],
    criterion: (n: number) => `Program pokja ${n} dipetakan ke sasaran RPJMD dan Renstra OPD dengan indikator yang terukur`,
    note: (n: number) =>
      n % 3 === 0
        ? 'Inovasi masih berupa aplikasi; panel meminta inovasi kebijakan yang benar-benar baru dan rencana pelaksanaannya.'
        : n % 3 === 1
          ? 'Sudah baik.'
          : 'Indikator belum terukur.',
  },
  en: {
    title: 'Smart City Masterplan Assessment Report',
    subtitle: 'Banggai Regency (72.01) · Bimtek 3',
    footer: 'Timbang · made 30 November 2026',
    pageLabel: 'Page {page} of {pages}',
    passMark: 'Pass mark',
    panel: 'Panel assessment',
    self: 'DKISP self-assessment',
    radar: 'Score per dimension',
    gaps: 'Gap to the pass mark (percentage points)',
    summary: 'Summary',
    facts: [
      ['Regency/city', 'Banggai Regency (72.01)'],
      ['Province', 'Central Sulawesi'],
      ['Stage', 'Bimtek 3: an innovation for each programme'],
      ['Rubric', 'Smart City Masterplan rubric 2026, version 2'],
      ['Overall score', '69.17% (pass mark 70%)'],
    ],
    intro:
      'Following the third round of technical guidance of the national Smart City movement, the panel of assessors has assessed the Smart City Masterplan of Banggai Regency. This report gives the score per dimension, the gap to the pass mark and the improvements to make before Bimtek 4.',
    verdict: 'The overall score of 69.17% is below the pass mark of 70%: 0.83 points short.',
    dimensionsHeading: 'Score per dimension',
    columns: ['Dimension', 'Panel', 'Self', 'Gap'],
    criteriaHeading: 'Criteria in detail',
    criteriaColumns: ['Code', 'Criterion', 'Score', 'Panel note'],
    criteriaCaption: 'Each criterion on a 1–5 scale; notes from the panel of assessors.',
    notesHeading: 'Improvements',
    notes: [
      'Complete the gap analysis for Smart Living with the figures of the free ambulance line.',
      'Map every programme to the regional development plan (RPJMD) and the agency plans (Renstra).',
      'Choose at least three quick wins that can really be carried out in years one and two.',
    ],
    closing: 'This document was made by Timbang and is signed by the panel of assessors.',
    signIntro: 'This report is made to be used as appropriate.',
    placeAndDate: 'Jakarta, 30 November 2026',
    signers: [
      { role: 'Chair of the panel', name: 'Dr. Ir. Siti Rahmawati, M.T.', institution: 'Bandung Institute of Technology' },
      { role: 'Member', name: 'Bambang Priyanto, S.Kom., M.Sc.', institution: 'Gadjah Mada University' },
    ],
    criterion: (n: number) => `Programme of working group ${n} mapped to the RPJMD targets and the agency plans with measurable indicators`,
    note: (n: number) =>
      n % 3 === 0
        ? 'The innovation is still an app; the panel asks for a genuinely new policy innovation and a plan to carry it out.'
        : n % 3 === 1
          ? 'Good.'
          : 'Indicators are not measurable yet.',
  },
};

export function sampleChart(kind: LetterChart['kind'], language: Language, withSelf = true): LetterChart {
  const words = WORDS[language];
  return {
    kind,
    caption: kind === 'radar' ? words.radar : words.gaps,
    passMark: 70,
    passMarkLabel: `${words.passMark} ${formatPercent(70, language, 0)}`,
    series: { panel: words.panel, self: withSelf ? words.self : null },
    points: DIMENSIONS.map((dimension) => ({ label: dimension[language], panel: dimension.panel, self: withSelf ? dimension.self : null })),
  };
}

/** `criteria` rows in the long table (30 crosses a page). */
export function sampleLetter(language: Language, criteria = 30): LetterDocument {
  const words = WORDS[language];
  return {
    language,
    ministry:
      language === 'id'
        ? 'Kementerian Komunikasi dan Digital Republik Indonesia'
        : 'Ministry of Communication and Digital Affairs of the Republic of Indonesia',
    title: words.title,
    subtitle: words.subtitle,
    footer: words.footer,
    pageLabel: words.pageLabel,
    blocks: [
      { kind: 'facts', rows: words.facts.map(([label, value]) => ({ label: label as string, value: value as string })) },
      { kind: 'heading', text: words.summary, level: 1 },
      { kind: 'paragraph', text: words.intro },
      { kind: 'paragraph', text: words.verdict, style: 'strong' },
      { kind: 'heading', text: words.dimensionsHeading, level: 2 },
      {
        kind: 'table',
        columns: [
          { title: words.columns[0] as string, width: 5, align: 'left' },
          { title: words.columns[1] as string, width: 1.3, align: 'right' },
          { title: words.columns[2] as string, width: 1.3, align: 'right' },
          { title: words.columns[3] as string, width: 1.3, align: 'right' },
        ],
        rows: DIMENSIONS.map((dimension) => {
          const gap = dimension.panel - 70;
          const tone = gap < 0 ? ('below' as const) : ('above' as const);
          return [
            { text: dimension[language] },
            { text: formatPercent(dimension.panel, language), tone },
            { text: formatPercent(dimension.self, language) },
            { text: formatGap(gap, language), tone, strong: true },
          ];
        }),
      },
      { kind: 'chart', chart: sampleChart('radar', language) },
      { kind: 'chart', chart: sampleChart('gaps', language) },
      { kind: 'heading', text: words.criteriaHeading, level: 2 },
      {
        kind: 'table',
        caption: words.criteriaCaption,
        columns: [
          { title: words.criteriaColumns[0] as string, width: 1.1, align: 'left' },
          { title: words.criteriaColumns[1] as string, width: 4, align: 'left' },
          { title: words.criteriaColumns[2] as string, width: 1, align: 'right' },
          { title: words.criteriaColumns[3] as string, width: 3.5, align: 'left' },
        ],
        rows: Array.from({ length: criteria }, (_, index) => {
          const n = index + 1;
          const score = 1 + ((n * 37) % 41) / 10;
          return [
            { text: `C${Math.ceil(n / 5)}.${((n - 1) % 5) + 1}` },
            { text: words.criterion(n) },
            { text: formatScore(score, language), tone: score < 3.8 ? ('below' as const) : ('above' as const) },
            { text: words.note(n) },
          ];
        }),
      },
      { kind: 'heading', text: words.notesHeading, level: 2 },
      { kind: 'list', ordered: true, items: words.notes },
      { kind: 'paragraph', text: words.closing, style: 'muted' },
      {
        kind: 'signatures',
        intro: words.signIntro,
        placeAndDate: words.placeAndDate,
        signers: words.signers.map((signer) => ({ ...signer })),
      },
    ],
  };
}

import { describe, expect, it } from 'vitest';
import { topLevelRows } from '../../../shared/assessment/results.ts';
import { formatGap, formatPercent } from '../../../shared/format/number.ts';
import { createTranslator } from '../../../shared/i18n/index.ts';
import { pathToPass } from '../../../shared/analytics/path-to-pass.ts';
import { buildLetter, DIMENSION_STEPS, OVERALL_STEPS, rankOf, type LetterInput, type LetterPeer } from '../../../shared/report/letter.ts';
import type { LetterBlock, LetterDocument } from '../../../shared/report/letter-document.ts';
import { scoreRubric, type Scores } from '../../../shared/rubric/score.ts';
import { criteriaOf } from '../../../shared/rubric/walk.ts';
import { loadTemplate } from '../../helpers/templates.ts';

const rubric = loadTemplate('masterplan-review');
const options = { passMark: 70, stage: 4 };

/** Smart Governance at the top level (4 of 0–4), Smart Environment at 1, the rest at 3. */
function panelScores(): Scores {
  return Object.fromEntries(
    criteriaOf(rubric).map(({ node }) => [node.code, node.code.startsWith('GOV') ? 4 : node.code.startsWith('ENV') ? 1 : 3]),
  );
}

const peer = (submissionId: number, regencyCode: string, provinceCode: string, overall: number | null, stage = 4): LetterPeer => ({
  submissionId,
  regencyCode,
  regencyName: regencyCode,
  provinceCode,
  provinceName: provinceCode,
  cohortYear: 2022,
  overall,
  groups: [],
  kind: 'bimtek',
  stage,
  year: null,
});

function input(overrides: Partial<LetterInput> = {}): LetterInput {
  const scores = panelScores();
  const overall = scoreRubric(rubric, scores, { ...options, betweenLevels: true }).percent;
  return {
    submissionId: 1,
    ministry: 'Kementerian Komunikasi dan Digital (Komdigi)',
    madeAt: '2026-11-30T03:00:00.000Z',
    regency: { code: '72.01', name: 'Kabupaten Banggai', provinceCode: '72', provinceName: 'Sulawesi Tengah' },
    submission: { kind: 'bimtek', stage: 4, year: null },
    rubric,
    options,
    panelScores: scores,
    members: [
      { id: 'p-sari', name: 'Dr. Sari Wulandari', institution: 'UGM', status: 'submitted', counted: true },
      { id: 'p-budi', name: 'Prof. Budi Santoso', institution: 'ITB', status: 'finalized', counted: true },
      { id: 'p-rina', name: 'Dr. Rina Kusuma', institution: 'ITS', status: 'draft', counted: false },
    ],
    lead: { id: 'p-budi', name: 'Prof. Budi Santoso', institution: 'ITB' },
    self: null,
    peers: [
      peer(1, '72.01', '72', overall),
      peer(2, '72.03', '72', 90),
      peer(3, '73.71', '73', 95),
      peer(4, '34.71', '34', 10),
      peer(5, '72.04', '72', 99, 3),
    ],
    notes: [
      { criterion: 'GOV.2', author: 'Dr. Sari Wulandari', text: 'Analisis pelayanan publik lengkap dengan data.' },
      { criterion: 'ENV.3', author: 'Prof. Budi Santoso', text: 'Program pengelolaan sampah belum dirinci.' },
      { criterion: 'ENV.4', author: 'Dr. Sari Wulandari', text: '   ' },
    ],
    quickWins: [
      {
        name: 'Galeri UMKM daring',
        dimension: { id: 'Smart Economy', en: 'Smart Economy' },
        agency: 'Dinas Koperasi',
        year: '2024',
        status: 'confirmed',
      },
      { name: 'Layanan ambulans gratis', dimension: null, agency: null, year: null, status: 'found' },
    ],
    ...overrides,
  };
}

function textOf(block: LetterBlock): string[] {
  switch (block.kind) {
    case 'heading':
    case 'paragraph':
      return [block.text];
    case 'facts':
      return block.rows.map((row) => `${row.label}: ${row.value}`);
    case 'table':
      return [
        block.columns.map((column) => column.title).join(' | '),
        ...block.rows.map((row) => row.map((cell) => cell.text).join(' | ')),
      ];
    case 'list':
      return block.items;
    case 'chart':
      return [block.chart.caption, ...block.chart.points.map((point) => point.label)];
    case 'signatures':
      return [block.intro, block.placeAndDate, ...block.signers.map((signer) => `${signer.role}: ${signer.name}, ${signer.institution}`)];
  }
}

const allText = (letter: LetterDocument) => [letter.title, letter.subtitle, ...letter.blocks.flatMap(textOf)];
const headings = (letter: LetterDocument) => letter.blocks.flatMap((block) => (block.kind === 'heading' ? [block.text] : []));
const tables = (letter: LetterDocument) => letter.blocks.filter((block) => block.kind === 'table');

describe('buildLetter', () => {
  const id = createTranslator('id');

  it('has every section, the summary first, addressed to the regent from the panel on behalf of the ministry', () => {
    const letter = buildLetter(input(), id, 'id');
    expect(letter.title).toBe('Laporan Hasil Penilaian Masterplan Smart City');
    expect(letter.subtitle).toBe('Kabupaten Banggai (72.01) · Bimtek 4');
    expect(letter.footer).toBe('Timbang · dibuat 30 November 2026');
    expect(letter.pageLabel).toBe('Halaman {page} dari {pages}');
    expect(headings(letter)).toEqual([
      'Ringkasan',
      'Hasil per dimensi',
      'Rekomendasi: jalan menuju batas lulus',
      'Dimensi di bawah batas lulus',
      'Kekuatan dan kelemahan menurut catatan panel',
      'Kekuatan',
      'Kelemahan',
      'Quick win',
    ]);
    const text = allText(letter);
    expect(text.slice(2, 6)).toEqual([
      'Yth. Bupati Banggai',
      'di Kabupaten Banggai, Provinsi Sulawesi Tengah',
      'Dengan hormat,',
      expect.stringContaining('Bersama ini kami, panel penilai atas nama Kementerian Komunikasi dan Digital (Komdigi), menyampaikan'),
    ]);
    // The closing thanks the regent the way official letters do.
    expect(text).toContain(
      'Demikian laporan hasil penilaian ini kami sampaikan sebagai bahan penyempurnaan masterplan. Atas perhatian dan kerja sama Bapak/Ibu, kami mengucapkan terima kasih.',
    );
    expect(letter.blocks.filter((block) => block.kind === 'chart').map((block) => block.kind === 'chart' && block.chart.kind)).toEqual([
      'radar',
      'gaps',
    ]);
    expect(letter.blocks.at(-1)?.kind).toBe('signatures');
  });

  it('says the numbers the panel result says, formatted the Indonesian way, with names not codes', () => {
    const letter = buildLetter(input(), id, 'id');
    const result = scoreRubric(rubric, panelScores(), { ...options, betweenLevels: true });
    const text = allText(letter);
    expect(text).toContain(`Nilai keseluruhan: ${formatPercent(result.percent as number, 'id')}`);
    expect(text).toContain(`Selisih dari batas lulus (70%): ${formatGap(result.gap, 'id')} poin`);
    expect(text).toContain(`Predikat: ${result.band?.label.id}`);
    // 72%: above the pass mark overall, though Smart Environment is far below it.
    expect(result.passed).toBe(true);
    expect(text).toContain('Status: Lulus');
    const dimensions = tables(letter)[0];
    expect(dimensions?.kind === 'table' && dimensions.rows.map((row) => row.map((cell) => cell.text))).toEqual(
      topLevelRows(result).map((row) => [
        row.title.id,
        formatPercent(row.percent as number, 'id'),
        formatGap(row.gap, 'id'),
        (row.percent as number) >= 70 ? 'mencapai batas lulus' : 'di bawah batas lulus',
      ]),
    );
    // Smart Governance at 4 of 4, Smart Environment at 1: exact, and coloured by standing.
    expect(text).toContain('Smart Governance | 100% | +30 | mencapai batas lulus');
    expect(text).toContain('Smart Environment | 25% | −45 | di bawah batas lulus');
    expect(dimensions?.kind === 'table' && dimensions.rows[5]?.[1]).toEqual({ text: '25%', tone: 'below', strong: true });
    expect(text.join('\n')).not.toMatch(/\b(GOV|ENV|RDY|MAP)\b/);
    // The gaps chart puts the furthest below first; both carry the pass mark.
    const gaps = letter.blocks.find((block) => block.kind === 'chart' && block.chart.kind === 'gaps');
    expect(gaps?.kind === 'chart' && gaps.chart.points[0]).toEqual({ label: 'Smart Environment', panel: 25, self: null });
    expect(gaps?.kind === 'chart' && gaps.chart.passMarkLabel).toBe('Batas lulus 70%');
  });

  it('ranks among the regencies at the same stage, nationally and in the province', () => {
    const ranked = rankOf(input());
    // 95 (73.71) and 90 (72.03) above, 10 below; 99 is at Bimtek 3 and does not count.
    expect(ranked).toEqual({ national: { rank: 3, of: 4 }, province: { rank: 2, of: 2 } });
    const text = allText(buildLetter(input(), id, 'id'));
    expect(text).toContain('Peringkat nasional (Bimtek 4): peringkat 3 dari 4');
    expect(text).toContain('Peringkat di Sulawesi Tengah (Bimtek 4): peringkat 2 dari 2');
    expect(allText(buildLetter(input({ peers: [] }), id, 'id'))).toContain('Peringkat nasional (Bimtek 4): belum diperingkat');
  });

  it('turns the path to the pass mark into plain-word recommendations', () => {
    const letter = buildLetter(input(), id, 'id');
    const lists = letter.blocks.filter((block) => block.kind === 'list' && block.ordered);
    const steps = lists.flatMap((block) => (block.kind === 'list' ? block.items : []));
    expect(steps.length).toBeGreaterThan(0);
    for (const step of steps)
      expect(step).toMatch(/^Naikkan “[^”]+”( \([^)]+\))? dari level \d+(,\d+)? ke level \d+(,\d+)?: \+\d+(,\d)? poin\.$/);
    expect(steps.some((step) => step.includes('Smart Environment” dari level 1 ke level'))).toBe(true);
    expect(allText(letter).find((line) => line.startsWith('Smart Environment: '))).toMatch(
      /^Smart Environment: 25%, kurang 45 poin: \d+ langkah\.$/,
    );
    // Everything at the top: nothing to recommend but carrying out the plan.
    const top: Scores = Object.fromEntries(criteriaOf(rubric).map(({ node }) => [node.code, 4]));
    expect(allText(buildLetter(input({ panelScores: top }), id, 'id'))).toContain(
      'Nilai keseluruhan dan setiap dimensi telah mencapai batas lulus. Panel menyarankan mempertahankan mutu dan melaksanakan rencana.',
    );
  });

  it('keeps the recommendations to a letter: the overall path’s best five, each weak dimension’s best two, one line for the rest', () => {
    // Weak everywhere: every criterion at level 1 of 0–4, so every dimension is below the pass mark.
    const weak: Scores = Object.fromEntries(criteriaOf(rubric).map(({ node }) => [node.code, 1]));
    const letter = buildLetter(input({ panelScores: weak }), id, 'id');
    const plan = pathToPass(rubric, weak, options);
    expect(plan.overall?.improvements.length).toBeGreaterThan(OVERALL_STEPS);
    expect(plan.groups.length).toBeGreaterThan(4);
    const start = letter.blocks.findIndex((block) => block.kind === 'heading' && block.text === 'Rekomendasi: jalan menuju batas lulus');
    const end = letter.blocks.findIndex((block, index) => index > start && block.kind === 'heading' && block.level === 1);
    const section = letter.blocks.slice(start + 1, end);
    const lists = section.flatMap((block) => (block.kind === 'list' ? [block.items] : []));
    const more = section.flatMap((block) => (block.kind === 'paragraph' && block.text.startsWith('…dan ') ? [block.text] : []));
    // The overall path, then one list per dimension below the pass mark.
    expect(lists.length).toBe(1 + plan.groups.length);
    const targets = [plan.overall, ...plan.groups].filter((target) => target !== null);
    targets.forEach((target, index) => {
      const most = index === 0 ? OVERALL_STEPS : DIMENSION_STEPS;
      const items = lists[index] ?? [];
      expect(items.length).toBe(Math.min(most, target.improvements.length));
      // The best first, as the plan orders them.
      expect(items[0]).toContain(`“${target.improvements[0]?.title.id}”`);
    });
    // "…dan N langkah lain" wherever more was left out: N is the level steps left, so the steps shown and N add up to the plan's.
    const cut = targets.filter((target, index) => target.improvements.length > (index === 0 ? OVERALL_STEPS : DIMENSION_STEPS));
    expect(more.length).toBe(cut.length);
    cut.forEach((target, index) => {
      const shown = target.improvements.slice(0, target === plan.overall ? OVERALL_STEPS : DIMENSION_STEPS);
      const left = target.steps - shown.reduce((sum, improvement) => sum + improvement.steps, 0);
      expect(more[index]).toMatch(new RegExp(`^…dan ${left} langkah lain \\(\\+\\d+(,\\d)? poin\\)\\.$`));
    });
    // The introduction says what is shown.
    expect(allText(letter)).toContain(
      'Langkah paling sedikit (masing-masing naik satu level) yang membawa nilai ke batas lulus, dimulai dari yang paling banyak menambah poin per langkah. Ditampilkan paling banyak 5 perbaikan untuk nilai keseluruhan dan 2 untuk setiap dimensi.',
    );
  });

  it('quotes the panel’s notes as strengths and weaknesses with their authors, skipping empty ones', () => {
    const text = allText(buildLetter(input(), id, 'id'));
    const strengths = text.indexOf('Kekuatan');
    const weaknesses = text.indexOf('Kelemahan');
    const strength = text.findIndex((line) => line.includes('Analisis pelayanan publik lengkap dengan data.'));
    const weakness = text.findIndex((line) => line.includes('Program pengelolaan sampah belum dirinci.'));
    expect(strengths).toBeLessThan(strength);
    expect(strength).toBeLessThan(weaknesses);
    expect(weaknesses).toBeLessThan(weakness);
    expect(text[strength]).toMatch(
      /^.+ \(Smart Governance, 100%\): “Analisis pelayanan publik lengkap dengan data\.” \(Dr\. Sari Wulandari\)$/,
    );
    expect(text[weakness]).toMatch(/^.+ \(Smart Environment, 25%\): “Program pengelolaan sampah belum dirinci\.” \(Prof\. Budi Santoso\)$/);
    expect(text.filter((line) => line.includes('“ ')).length).toBe(0);
    // No notes: one plain sentence, no empty lists.
    const none = buildLetter(input({ notes: [] }), id, 'id');
    expect(allText(none)).toContain('Panel tidak menuliskan catatan pada kriteria penilaian.');
    expect(headings(none)).not.toContain('Kekuatan');
  });

  it('lists the quick wins with their status, the self-assessment beside the panel, and a signature per counted member', () => {
    const self: Scores = Object.fromEntries(criteriaOf(rubric).map(({ node }) => [node.code, 4]));
    const letter = buildLetter(input({ self: { name: 'DKISP Banggai', scores: self } }), id, 'id');
    const text = allText(letter);
    expect(text).toContain('Galeri UMKM daring | Smart Economy | Dinas Koperasi | 2024 | dikonfirmasi penilai');
    expect(text).toContain('Layanan ambulans gratis | – | – | – | terbaca dari dokumen, belum dikonfirmasi');
    expect(headings(letter)).toContain('Penilaian mandiri dibandingkan panel');
    expect(text).toContain('Penilaian mandiri: 100% oleh DKISP Banggai');
    expect(text).toContain('Smart Governance | 100% | 100% | +0 | sama');
    expect(text).toContain('Smart Environment | 100% | 25% | +75 | mandiri lebih tinggi');
    const radar = letter.blocks.find((block) => block.kind === 'chart' && block.chart.kind === 'radar');
    expect(radar?.kind === 'chart' && radar.chart.series).toEqual({ panel: 'Panel', self: 'Penilaian mandiri' });
    const signatures = letter.blocks.at(-1);
    expect(signatures?.kind === 'signatures' && signatures.signers).toEqual([
      { role: 'Ketua panel', name: 'Prof. Budi Santoso', institution: 'ITB' },
      { role: 'Anggota panel', name: 'Dr. Sari Wulandari', institution: 'UGM' },
    ]);
    expect(signatures?.kind === 'signatures' && signatures.placeAndDate).toBe('……………, 30 November 2026');
    expect(text).toContain('Panel penilai: Dr. Sari Wulandari (UGM); Prof. Budi Santoso (ITB); Dr. Rina Kusuma (draf, belum dihitung)');
    expect(allText(buildLetter(input({ quickWins: [] }), id, 'id'))).toContain(
      'Belum ada quick win yang tercatat dari dokumen masterplan.',
    );
  });

  it('signs by person, so a member who shares the lead’s name still signs', () => {
    const letter = buildLetter(
      input({
        members: [
          { id: 'p-sari-ugm', name: 'Dr. Sari', institution: 'UGM', status: 'submitted', counted: true },
          { id: 'p-sari-itb', name: 'Dr. Sari', institution: 'ITB', status: 'submitted', counted: true },
        ],
        lead: { id: 'p-sari-ugm', name: 'Dr. Sari', institution: 'UGM' },
      }),
      id,
      'id',
    );
    const signatures = letter.blocks.at(-1);
    expect(signatures?.kind === 'signatures' && signatures.signers.map((signer) => signer.institution)).toEqual(['UGM', 'ITB']);
  });

  it('says the pass mark as it is set, not rounded', () => {
    const letter = buildLetter(input({ options: { ...options, passMark: 72.5 } }), id, 'id');
    const text = allText(letter).join('\n');
    expect(text).toContain('72,5%');
    expect(text).not.toMatch(/batas lulus 73%/);
  });

  it('writes to a mayor for a city, and in English with English numbers', () => {
    const city = { code: '73.71', name: 'Kota Makassar', provinceCode: '73', provinceName: 'Sulawesi Selatan' };
    expect(allText(buildLetter(input({ regency: city }), id, 'id'))).toContain('Yth. Wali Kota Makassar');
    const en = buildLetter(
      input({ regency: city, ministry: 'Kementerian Komunikasi dan Informatika (Kominfo)' }),
      createTranslator('en'),
      'en',
    );
    const text = allText(en);
    const result = scoreRubric(rubric, panelScores(), { ...options, betweenLevels: true });
    expect(en.title).toBe('Smart City Masterplan Assessment Result');
    expect(en.language).toBe('en');
    expect(en.ministry).toBe('Kementerian Komunikasi dan Informatika (Kominfo)');
    // A letter's address and salutation, not a form's "To:".
    expect(text.slice(2, 5)).toEqual(['The Mayor of Makassar', 'Kota Makassar, Sulawesi Selatan Province', 'Dear Mayor,']);
    expect(allText(buildLetter(input(), createTranslator('en'), 'en')).slice(2, 5)).toEqual([
      'The Regent of Banggai',
      'Kabupaten Banggai, Sulawesi Tengah Province',
      'Dear Regent,',
    ]);
    expect(text.find((line) => line.startsWith('On behalf of '))).toMatch(
      /^On behalf of Kementerian Komunikasi dan Informatika \(Kominfo\), the assessment panel hereby presents the result of its assessment of the Smart City Masterplan of Kota Makassar at Bimtek 4, made with the instrument “.+”\./,
    );
    expect(text.some((line) => line.endsWith('Thank you for your attention and cooperation.'))).toBe(true);
    expect(text).toContain(`Overall result: ${formatPercent(result.percent as number, 'en')}`);
    expect(formatPercent(result.percent as number, 'en')).toMatch(/^\d+(\.\d)?%$/);
    expect(headings(en)).toEqual(expect.arrayContaining(['Summary', 'Results by dimension', 'Strengths', 'Weaknesses', 'Quick wins']));
    expect(text).toContain('Smart Environment | 25% | −45 | below the pass mark');
    expect(en.footer).toBe('Timbang · produced 30 November 2026');
    // One step is a step, not "1 steps".
    const en1 = createTranslator('en');
    expect(en1('letter.pathGroup', { name: 'Smart Living', current: '68%', needed: '2', count: 1 })).toBe(
      'Smart Living: 68%, 2 points short: 1 step.',
    );
    expect(en1('letter.pathMore', { count: 12, points: '15.2' })).toBe('…and 12 more steps (+15.2 points).');
  });
});

// Writes resources/demo/: the demo workspace's data (demo.json), its assessment file and
// the masterplan documents it imports. `timbang demo` and the app's first-run offer load
// these through the same services as a user's own files; nothing of the demo lives in
// the product's code. Deterministic: run it again and the files come out the same.
//   node scripts/demo-workspace.ts
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AssessmentFile, FileAssessment } from '../shared/assessment/file.ts';
import type { DemoScenario } from '../electron/core/demo/scenario.ts';
import { rubricSchema } from '../shared/rubric/schema.ts';
import { scaleLevels } from '../shared/rubric/scale.ts';
import { criteriaOf } from '../shared/rubric/walk.ts';
import { random } from '../test/helpers/cohort.ts';
import { annexXlsx, masterplanDocx, masterplanPdf, type MasterplanSubject } from '../test/helpers/masterplans.ts';

const DIR = fileURLToPath(new URL('../resources/demo/', import.meta.url));
const RUBRICS = fileURLToPath(new URL('../resources/rubrics/', import.meta.url));
const CREATED = new Date('2026-03-02T09:00:00Z');

const ME = { name: 'Dr. Sari Wulandari', institution: 'Universitas Gadjah Mada' };
const COLLEAGUE = { name: 'Prof. Budi Santoso', institution: 'Universitas Gadjah Mada' };
const DIMENSIONS = ['GOV', 'BRA', 'ECO', 'LIV', 'SOC', 'ENV'] as const;
type Dimension = (typeof DIMENSIONS)[number];

interface DemoRegency {
  code: string;
  slug: string;
  cohortYear: number;
  subject: MasterplanSubject;
  /** Per Bimtek stage, each dimension's standing on the 0–4 scale (the panel's view). */
  stages: Record<Dimension, number>[];
  /** A self-assessment by the regency's planners, this many levels above the panel. */
  selfBias?: number;
  /** The format of the latest draft (PDF unless told). */
  latestAs?: 'docx';
  /** My assessment of the latest stage is still a draft with this share scored. */
  myDraftShare?: number;
}

const profile = (gov: number, bra: number, eco: number, liv: number, soc: number, env: number): Record<Dimension, number> => ({
  GOV: gov,
  BRA: bra,
  ECO: eco,
  LIV: liv,
  SOC: soc,
  ENV: env,
});

const REGENCIES: DemoRegency[] = [
  {
    code: '72.01',
    slug: 'banggai',
    cohortYear: 2022,
    subject: {
      name: 'Kabupaten Banggai',
      province: 'Sulawesi Tengah',
      thin: 'Smart Branding',
      thinText: 'Pariwisata pantai Banggai akan dipromosikan.',
    },
    stages: [profile(1.9, 1.2, 1.8, 1.7, 1.6, 1.5), profile(2.5, 1.4, 2.5, 2.4, 2.2, 2.0), profile(3.0, 1.6, 2.6, 3.0, 2.8, 2.3)],
    selfBias: 0.6,
  },
  {
    code: '34.04',
    slug: 'sleman',
    cohortYear: 2022,
    subject: {
      name: 'Kabupaten Sleman',
      province: 'DI Yogyakarta',
      thin: 'Smart Environment',
      thinText: 'Pengelolaan sampah akan ditingkatkan.',
    },
    stages: [profile(2.4, 2.3, 2.2, 2.3, 2.1, 1.5), profile(2.9, 2.8, 2.7, 2.8, 2.6, 2.0), profile(3.3, 3.2, 3.1, 3.2, 3.0, 2.6)],
    latestAs: 'docx',
  },
  {
    code: '15.71',
    slug: 'kota-jambi',
    cohortYear: 2023,
    subject: { name: 'Kota Jambi', province: 'Jambi', thin: 'Smart Society', thinText: 'Kerukunan warga akan dijaga.' },
    stages: [profile(1.6, 1.5, 1.7, 1.4, 1.0, 1.5), profile(2.1, 1.9, 2.2, 2.0, 1.4, 1.9), profile(2.5, 2.3, 2.6, 2.4, 1.7, 2.2)],
    myDraftShare: 0.6,
  },
  {
    code: '35.10',
    slug: 'banyuwangi',
    cohortYear: 2023,
    subject: { name: 'Kabupaten Banyuwangi', province: 'Jawa Timur', thin: 'Smart Economy', thinText: 'UMKM akan didorong.' },
    stages: [profile(2.6, 2.9, 1.6, 2.4, 2.5, 2.4), profile(3.0, 3.3, 2.0, 2.9, 2.9, 2.8)],
  },
];

/** Agreed scores the panel lead (me) set, where the two assessors were far apart. */
const AGREED: { regency: string; stage: number; criterion: string; mine: number; theirs: number; agreed: number; reason: string }[] = [
  {
    regency: '72.01',
    stage: 3,
    criterion: 'BRA.1',
    mine: 1,
    theirs: 3,
    agreed: 2,
    reason: 'Analisis branding hanya satu paragraf (hlm. 6); disepakati level 2 setelah diskusi panel.',
  },
];

const NOTES: { regency: string; stage: number; criterion: string; note: string; quote: string; section: string }[] = [
  {
    regency: '72.01',
    stage: 3,
    criterion: 'BRA.1',
    note: 'Fakta: Smart Branding hanya dibahas satu kalimat.\nAnalisis: tidak ada analisis kondisi maupun SWOT branding daerah.\nBukti: Bab III, 3.2.',
    quote: 'Pariwisata pantai Banggai akan dipromosikan.',
    section: '3.2',
  },
  {
    regency: '72.01',
    stage: 3,
    criterion: 'GOV.1',
    note: 'Fakta: pelayanan publik, birokrasi dan kebijakan dibahas.\nAnalisis: kondisi jelas, SWOT belum dikuantifikasi.\nBukti: Bab III, 3.1.',
    quote: 'Pelayanan publik di Kabupaten Banggai dipercepat melalui mal pelayanan publik dan perizinan daring.',
    section: '3.1',
  },
];

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

async function main(): Promise<void> {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(join(DIR, 'documents'), { recursive: true });
  const rubric = rubricSchema.parse(
    (JSON.parse(readFileSync(join(RUBRICS, 'masterplan-review.json'), 'utf8')) as { rubric: unknown }).rubric,
  );
  const criteria = criteriaOf(rubric).map(({ node, ancestors }) => ({ node, dimension: ancestors[0] ?? '' }));
  const next = random(2026);

  const scenario: DemoScenario = {
    format: 'timbang.demo',
    formatVersion: 1,
    profile: { ...ME, role: 'assessor', regencyCode: null },
    regencies: [],
    submissions: [],
    assessmentFiles: ['assessments.json'],
    panels: [],
  };
  const assessments: FileAssessment[] = [];
  const documentHashes = new Map<string, string>();
  const outlines = new Map<string, Record<string, number>>();

  for (const regency of REGENCIES) {
    scenario.regencies.push({ code: regency.code, cohortYear: regency.cohortYear, stage: regency.stages.length });
    for (const [index] of regency.stages.entries()) {
      const stage = index + 1;
      const latest = stage === regency.stages.length;
      const chapters = stage === 1 ? 2 : stage === 2 ? 3 : 5;
      const documents: DemoScenario['submissions'][number]['documents'] = [];
      const base = `${regency.slug}-bimtek-${stage}`;
      if (latest && regency.latestAs === 'docx') {
        const data = await masterplanDocx({ subject: regency.subject, chapters });
        writeFileSync(join(DIR, 'documents', `${base}.docx`), data);
        documents.push({ file: `documents/${base}.docx`, role: 'masterplan' });
      } else {
        const { data, truth } = await masterplanPdf({
          subject: regency.subject,
          chapters,
          scannedPages: latest && regency.selfBias ? 1 : 0,
          createdAt: CREATED,
        });
        writeFileSync(join(DIR, 'documents', `${base}.pdf`), data);
        documents.push({ file: `documents/${base}.pdf`, role: 'masterplan' });
        documentHashes.set(`${regency.code}/${stage}`, sha256(data));
        outlines.set(`${regency.code}/${stage}`, truth.outline);
      }
      if (latest && regency.selfBias) {
        writeFileSync(join(DIR, 'documents', `${regency.slug}-lampiran-program.xlsx`), await annexXlsx());
        documents.push({ file: `documents/${regency.slug}-lampiran-program.xlsx`, role: 'annex' });
      }
      scenario.submissions.push({ regency: regency.code, stage, documents });

      const standing = regency.stages[index] as Record<Dimension, number>;
      const record = (
        who: { name: string; institution: string },
        role: 'assessor' | 'self',
        bias: number,
        spread: number,
      ): FileAssessment => {
        const scores: FileAssessment['scores'] = {};
        for (const { node, dimension } of criteria) {
          if (node.stages && !node.stages.includes(stage)) continue;
          const values = scaleLevels(node.scale).map((level) => level.value);
          // Readiness and the road map (RDY, MAP) follow the six dimensions' average.
          const base =
            (standing as Partial<Record<string, number>>)[dimension] ??
            DIMENSIONS.reduce((sum, code) => sum + standing[code], 0) / DIMENSIONS.length;
          const at = Math.round(base + bias + (next() - 0.5) * spread);
          scores[node.code] = {
            value: values[Math.min(values.length - 1, Math.max(0, at))] ?? 0,
            note: '',
            evidence: [],
            needsRescore: false,
          };
        }
        const status = role === 'self' || latest ? 'submitted' : 'finalized';
        return {
          rubric: { id: rubric.id, version: rubric.version },
          regency: regency.code,
          stage,
          assessor: { ...who, role },
          status,
          scores,
        };
      };
      const mine = record(ME, 'assessor', 0, 1.6);
      const theirs = record(COLLEAGUE, 'assessor', 0, 1.6);
      for (const agreed of AGREED.filter((entry) => entry.regency === regency.code && entry.stage === stage)) {
        mine.scores[agreed.criterion] = { value: agreed.mine, note: '', evidence: [], needsRescore: false };
        theirs.scores[agreed.criterion] = { value: agreed.theirs, note: '', evidence: [], needsRescore: false };
      }
      for (const note of NOTES.filter((entry) => entry.regency === regency.code && entry.stage === stage)) {
        const file = `${base}.pdf`;
        const page = outlines.get(`${regency.code}/${stage}`)?.[note.section];
        const hash = documentHashes.get(`${regency.code}/${stage}`);
        if (!page || !hash) throw new Error(`no page for ${note.criterion}`);
        const score = mine.scores[note.criterion];
        if (!score) throw new Error(`${note.criterion} is not due at Bimtek ${stage}`);
        mine.scores[note.criterion] = { ...score, note: note.note, evidence: [{ file, sha256: hash, page, quote: note.quote }] };
      }
      if (latest && regency.myDraftShare !== undefined) {
        const codes = Object.keys(mine.scores);
        codes.slice(Math.round(codes.length * regency.myDraftShare)).forEach((code) => delete mine.scores[code]);
        mine.status = 'draft';
      }
      assessments.push(mine, theirs);
      if (regency.selfBias) {
        assessments.push(
          record(
            { name: `Tim DKISP ${regency.subject.name}`, institution: `DKISP ${regency.subject.name}` },
            'self',
            regency.selfBias,
            1.2,
          ),
        );
      }
    }
  }
  for (const agreed of AGREED) {
    scenario.panels.push({
      regency: agreed.regency,
      stage: agreed.stage,
      rubric: rubric.id,
      agreed: [{ criterion: agreed.criterion, value: agreed.agreed, reason: agreed.reason }],
    });
  }
  const file: AssessmentFile = { format: 'timbang.assessment', formatVersion: 1, exportedBy: 'scripts/demo-workspace.ts', assessments };
  writeFileSync(join(DIR, 'assessments.json'), `${JSON.stringify(file)}\n`);
  writeFileSync(join(DIR, 'demo.json'), `${JSON.stringify(scenario, null, 2)}\n`);
  console.log(
    `demo: ${scenario.regencies.length} regencies, ${scenario.submissions.length} submissions, ${assessments.length} assessments in ${DIR}`,
  );
}

await main();

import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import { openWorkspace } from '../workspace/open.ts';
import { demoScenarioSchema, type DemoScenario } from './scenario.ts';

export const DEMO_FOLDER = 'demo';

export interface DemoProgress {
  /** Steps done of all: one per document, one per assessment file, one per panel. */
  done: number;
  total: number;
  /** What is being done now: a document's file name, an assessment file, a panel. */
  current: string;
}

export interface DemoSummary {
  dataDir: string;
  regencies: number;
  submissions: number;
  documents: number;
  assessments: number;
}

export function readDemoScenario(resourcesDir: string): DemoScenario {
  const parsed = demoScenarioSchema.safeParse(JSON.parse(readFileSync(join(resourcesDir, DEMO_FOLDER, 'demo.json'), 'utf8')));
  if (!parsed.success) throw new Error(`resources/demo/demo.json is malformed: ${parsed.error.message}`);
  return parsed.data;
}

/** A folder the demo may be built in: absent, or empty. Anything else may be someone's work. */
function mayBuildIn(dataDir: string): boolean {
  return !existsSync(dataDir) || readdirSync(dataDir).length === 0;
}

/**
 * Build the demo workspace in `dataDir` from resources/demo through the ordinary
 * services: the profile, the regencies, each submission's documents through the
 * intake pipeline, the assessment files through the assessment import, and the panel
 * lead's agreed scores. Built in a side folder and moved into place at the end, so an
 * interrupted build leaves no half demo behind.
 */
export async function buildDemo(
  dataDir: string,
  options: { resourcesDir: string; onProgress?: (progress: DemoProgress) => void },
): Promise<DemoSummary> {
  if (!mayBuildIn(dataDir)) throw new AppError('demo.not_empty', { dir: dataDir });
  const scenario = readDemoScenario(options.resourcesDir);
  const source = join(options.resourcesDir, DEMO_FOLDER);
  const building = `${dataDir}.building`;
  rmSync(building, { recursive: true, force: true });

  const total =
    scenario.submissions.reduce((sum, submission) => sum + submission.documents.length, 0) +
    scenario.assessmentFiles.length +
    scenario.panels.length;
  let done = 0;
  const step = (current: string) => options.onProgress?.({ done, total, current });

  const ws = await openWorkspace(building, { resourcesDir: options.resourcesDir });
  let summary: Omit<DemoSummary, 'dataDir'>;
  try {
    ws.profile.save(scenario.profile);
    for (const regency of scenario.regencies) ws.regencies.add(regency);
    const submissionIds = new Map<string, number>();
    let documents = 0;
    for (const entry of scenario.submissions) {
      const submission = ws.submissions.create({ kind: 'bimtek', regencyCode: entry.regency, stage: entry.stage });
      submissionIds.set(`${entry.regency}/${entry.stage}`, submission.id);
      for (const document of entry.documents) {
        step(basename(document.file));
        const job = ws.imports.start(ws.uploads.register(join(source, document.file)), submission.id, document.role);
        const finished = await ws.imports.wait(job.id);
        if (finished.status !== 'done')
          throw new Error(`demo document ${document.file} was not imported: ${JSON.stringify(finished.error)}`);
        documents += 1;
        done += 1;
      }
    }
    let assessments = 0;
    for (const file of scenario.assessmentFiles) {
      step(file);
      assessments += ws.assessmentFiles.importText(readFileSync(join(source, file), 'utf8')).length;
      done += 1;
    }
    for (const panel of scenario.panels) {
      const submissionId = submissionIds.get(`${panel.regency}/${panel.stage}`);
      if (submissionId === undefined) throw new Error(`demo panel ${panel.regency} Bimtek ${panel.stage} has no submission`);
      step(`${panel.regency} Bimtek ${panel.stage}`);
      ws.panels.takeLead(submissionId, panel.rubric);
      for (const agreed of panel.agreed) ws.panels.reconcile(submissionId, panel.rubric, agreed.criterion, agreed.value, agreed.reason);
      done += 1;
    }
    summary = { regencies: scenario.regencies.length, submissions: scenario.submissions.length, documents, assessments };
  } catch (error) {
    ws.close();
    rmSync(building, { recursive: true, force: true });
    throw error;
  }
  ws.close();
  if (existsSync(dataDir)) rmSync(dataDir, { recursive: true });
  renameSync(building, dataDir);
  step('');
  return { dataDir, ...summary };
}

// Sync (docs/sync.md §8): 300 regencies × 4 assessors × 60 criteria, signed in the run and written
// straight into a hub store; the first sync of all of it into an empty laptop (`timbang sync` against
// `timbang hub serve`), the first sync into an empty hub (the same hub restored with its key onto an
// empty store, filled again by that laptop), and one change on a laptop → stored at the hub → applied on
// another laptop. Each time against a bare Hocuspocus and bare providers moving the same Yjs bytes.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { startWorkspaceSync, type WorkspaceSync } from '../electron/core/sync/driver.ts';
import { openWorkspace, type Workspace } from '../electron/core/workspace/open.ts';
import { RESOURCES_DIR } from '../electron/core/platform/project.ts';
import { median, peakRssMb, report, SIX_DIMENSIONS, spawnServer, stop, within, type Measurement } from './lib.ts';
import { ASSESSORS, REGENCIES, RUBRIC_ID } from './sync-child.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BIN = join(ROOT, 'bin', 'timbang.cjs');
const CHILD = join(ROOT, 'bench', 'sync-child.ts');
/** docs/sync.md §8. */
const FIRST_SYNC_SECONDS = 60;
const LAPTOP_MEMORY_MB = 400;
const HUB_MEMORY_MB = 500;
const INCREMENTAL_MS = 1000;
const INCREMENTAL_RUNS = 11;
const STEP_TIMEOUT_MS = 180_000;

interface Run {
  ms: number;
  peakMb: number;
  out: string;
  code: number | null;
}

/** Runs a process to its end: wall time from spawn to exit, and its own peak memory (written by peak-on-exit.ts). */
function runToEnd(args: string[], peakFile: string): Promise<Run> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', join(ROOT, 'bench', 'peak-on-exit.ts'), ...args], {
    env: { ...process.env, TIMBANG_BENCH_PEAK_FILE: peakFile, LANG: 'C.UTF-8' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const ended = new Promise<Run>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = performance.now() - started;
      let peakMb = 0;
      try {
        peakMb = Number(readFileSync(peakFile, 'utf8')) / 1024;
      } catch {
        // No file: the process died before its exit handler.
      }
      if (code !== 0 && code !== 1) reject(new Error(`bench: ${args.slice(0, 3).join(' ')} exited with ${code}: ${err.slice(-2000)}`));
      else resolve({ ms, peakMb, out, code });
    });
  });
  return within(ended, STEP_TIMEOUT_MS, args.slice(0, 3).join(' ')).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
}

const lastJson = <T>(out: string): T => JSON.parse(out.slice(out.indexOf('{'))) as T;

interface SyncJson {
  docs: number;
  received: number;
  applied: number;
  refused: number;
  notApplied: number;
  seconds: number;
  converged: boolean;
}

function hubServe(dataDir: string): Promise<{ child: ChildProcess; info: { url: string } }> {
  return spawnServer(process.execPath, [BIN, 'hub', 'serve', '--data', dataDir, '--port', '0', '--json']);
}

/** A bare server child, and its peak memory when stopped. */
async function bareServer(args: string[]): Promise<{ url: string; done: () => Promise<void> }> {
  const { child, info } = await spawnServer(process.execPath, [CHILD, ...args]);
  return { url: info.url, done: () => stop(child) };
}

const until = async (condition: () => boolean, what: string, timeoutMs = 30_000): Promise<number> => {
  const started = performance.now();
  while (!condition()) {
    if (performance.now() - started > timeoutMs) throw new Error(`bench: ${what} did not happen within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return performance.now() - started;
};

/** How many documents the hub has projected into its own workspace (electron/hub/projection.ts). */
function projected(hubDir: string): number {
  const file = join(hubDir, 'workspace', 'timbang.db');
  if (!existsSync(file)) return 0;
  const db = new Database(file, { readonly: true });
  try {
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'hub_projection'").get();
    return table ? (db.prepare('SELECT count(*) FROM hub_projection').pluck().get() as number) : 0;
  } finally {
    db.close();
  }
}

function count(dataDir: string, sql: string): number {
  const db = new Database(join(dataDir, 'timbang.db'), { readonly: true });
  try {
    return db.prepare(sql).pluck().get() as number;
  } finally {
    db.close();
  }
}

function hubCount(dataDir: string, sql: string): number {
  const db = new Database(join(dataDir, 'hub.db'), { readonly: true });
  try {
    return db.prepare(sql).pluck().get() as number;
  } finally {
    db.close();
  }
}

export async function benchSync(): Promise<boolean> {
  const folder = mkdtempSync(join(tmpdir(), 'timbang-bench-sync-'));
  const hubDir = join(folder, 'hub');
  const restoredDir = join(folder, 'restored');
  const laptopDir = join(folder, 'laptop');
  mkdirSync(hubDir);
  mkdirSync(restoredDir);
  const opened: { ws: Workspace; sync: WorkspaceSync }[] = [];
  try {
    // ---- Seeding: signed records into a hub store, in a child ----------------------------------
    const seeding = await runToEnd([CHILD, 'seed', hubDir, restoredDir], join(folder, 'seed.peak'));
    const seeded = lastJson<{
      records: number;
      bytes: number;
      docs: number;
      firstSub: string;
      laptopToken: string;
      restoredToken: string;
      secondToken: string;
    }>(seeding.out);
    console.log(
      `\n(seeded ${REGENCIES} regencies × ${ASSESSORS} assessors × 60 criteria: ${seeded.records} signed records, ` +
        `${(seeded.bytes / 1e6).toFixed(1)} MB of Yjs updates in ${seeded.docs} documents, in ${(seeding.ms / 1000).toFixed(1)} s)`,
    );

    // ---- Reference: the same bytes, bare Hocuspocus to bare providers, and back into an empty one ----
    const bareFull = await bareServer(['bare-serve', hubDir]);
    const barePull = await runToEnd([CHILD, 'bare-pull', bareFull.url, hubDir], join(folder, 'bare-pull.peak'));
    await bareFull.done();
    const bareEmpty = await bareServer(['bare-serve-empty']);
    const barePush = await runToEnd([CHILD, 'bare-push', bareEmpty.url, hubDir], join(folder, 'bare-push.peak'));
    await bareEmpty.done();
    const bare = { pull: lastJson<{ records: number }>(barePull.out), push: lastJson<{ records: number }>(barePush.out) };
    if (bare.pull.records !== seeded.records || bare.push.records !== seeded.records) {
      throw new Error(`bench: the bare reference moved ${bare.pull.records}/${bare.push.records} records, not ${seeded.records}`);
    }

    // ---- First sync into an empty laptop ------------------------------------------------------
    const hub = await hubServe(hubDir);
    // A hub that has served for a while has long projected what it holds into its ministry view; on these
    // two cores, its catch-up at start would race the laptop being measured. Wait until it has every document.
    const projecting = Date.now();
    await until(() => projected(hubDir) >= seeded.docs, 'the hub projecting what it holds', 300_000);
    console.log(`(the hub's ministry view caught up with ${seeded.docs} documents in ${((Date.now() - projecting) / 1000).toFixed(1)} s)`);
    let first: Run;
    let hubPeak: number | undefined;
    try {
      first = await runToEnd(
        [BIN, 'sync', '--hub', hub.info.url, '--token', seeded.laptopToken, '--json', '--data', laptopDir, '--create'],
        join(folder, 'first.peak'),
      );
    } finally {
      hubPeak = peakRssMb(hub.child.pid as number);
      await stop(hub.child);
    }
    const firstJson = lastJson<SyncJson>(first.out);
    console.log(
      `(first sync into an empty laptop: ${(first.ms / 1000).toFixed(1)} s, ${first.peakMb.toFixed(0)} MB; hub ${hubPeak?.toFixed(0)} MB)`,
    );
    // A bench that measured a broken sync would be worthless: the laptop holds every panel now.
    const assessments = count(laptopDir, "SELECT count(*) FROM assessment WHERE role = 'assessor'");
    const panels = count(laptopDir, 'SELECT count(DISTINCT submission_id) FROM assessment');
    if (!firstJson.converged || firstJson.refused + firstJson.notApplied > 0 || firstJson.applied < seeded.records - 1) {
      throw new Error(`bench: the first sync did not converge cleanly: ${first.out}`);
    }
    if (assessments !== REGENCIES * ASSESSORS || panels !== REGENCIES) {
      throw new Error(`bench: the laptop holds ${assessments} assessments in ${panels} panels after the first sync`);
    }

    // ---- First sync into an empty hub: the hub restored with its key, the laptop gives it everything ----
    const restored = await hubServe(restoredDir);
    let push: Run;
    let restoredPeak: number | undefined;
    const incremental: { ack: number[]; applied: number[] } = { ack: [], applied: [] };
    try {
      push = await runToEnd(
        [BIN, 'sync', '--hub', restored.info.url, '--token', seeded.restoredToken, '--json', '--data', laptopDir],
        join(folder, 'push.peak'),
      );
      restoredPeak = peakRssMb(restored.child.pid as number);
      const pushJson = lastJson<SyncJson>(push.out);
      const held = hubCount(restoredDir, "SELECT count(*) FROM hub_record WHERE kind <> 'member'");
      const heldDocs = hubCount(restoredDir, 'SELECT count(DISTINCT doc) FROM hub_doc_update');
      if (!pushJson.converged || held < seeded.records - ASSESSORS || heldDocs !== seeded.docs) {
        throw new Error(`bench: the restored hub holds ${held} records in ${heldDocs} documents: ${push.out}`);
      }

      // ---- Incremental: laptop A (everything) and laptop B (one regency), both syncing in the background ----
      const a = await openWorkspace(laptopDir, { resourcesDir: RESOURCES_DIR, fallbackActorName: 'bench' });
      const aSync = startWorkspaceSync(a, { appVersion: 'bench', background: true });
      opened.push({ ws: a, sync: aSync });
      const bDir = join(folder, 'second');
      const b = await openWorkspace(bDir, { resourcesDir: RESOURCES_DIR, fallbackActorName: 'Bench B' });
      const bSync = startWorkspaceSync(b, { appVersion: 'bench', background: true });
      opened.push({ ws: b, sync: bSync });
      await b.sync.join(restored.info.url, seeded.secondToken);
      const [code] = seeded.firstSub.split('/') as [string];
      const submissionOf = (ws: Workspace) => ws.submissions.list(code).find((entry) => entry.stage === 3)?.id ?? 0;
      const onA = submissionOf(a);
      // A scores the first submission in full, submits and leads its panel; B sees the five members.
      const mine = a.assessments.create({ submissionId: onA, rubricId: RUBRIC_ID, rubricVersion: 1, role: 'assessor' }).id;
      const criteria = SIX_DIMENSIONS.flatMap((dimension) => Array.from({ length: 10 }, (_, index) => `${dimension}.${index + 1}`));
      for (const criterion of criteria) a.assessments.setScore(mine, criterion, 2);
      a.assessments.transition(mine, 'submitted');
      a.panels.takeLead(onA, RUBRIC_ID);
      const aEngine = await aSync.engine();
      const pendingOnA = () => aEngine.status().pending;
      await until(() => pendingOnA() === 0, 'A’s submitted work acknowledged', 60_000);
      await until(
        () => submissionOf(b) > 0 && b.assessments.list({ submissionId: submissionOf(b) }).length === ASSESSORS + 1,
        'B holding the panel of five',
        60_000,
      );
      // A's own draft of another submission, for scores that go to the hub only (a draft is nobody else's).
      const draftSub = a.submissions.list().find((entry) => entry.id !== onA && entry.stage === 3)?.id ?? 0;
      const draft = a.assessments.create({ submissionId: draftSub, rubricId: RUBRIC_ID, rubricVersion: 1, role: 'assessor' }).id;
      await until(() => pendingOnA() === 0, 'A’s draft acknowledged', 30_000);
      const agreedOnB = (criterion: string) =>
        b.panelViews.view(submissionOf(b), RUBRIC_ID).criteria.find((entry) => entry.code === criterion)?.agreed?.value;
      for (let run = 0; run < INCREMENTAL_RUNS; run += 1) {
        const value = run % 5;
        let started = performance.now();
        a.assessments.setScore(draft, criteria[run % criteria.length] as string, value);
        await until(() => pendingOnA() === 0, 'a draft score acknowledged by the hub');
        incremental.ack.push(performance.now() - started);
        const criterion = criteria[run % criteria.length] as string;
        started = performance.now();
        a.panels.reconcile(onA, RUBRIC_ID, criterion, value, `Disepakati (${run})`);
        await until(() => agreedOnB(criterion) === value, 'an agreed score applied on B');
        incremental.applied.push(performance.now() - started);
      }
    } finally {
      for (const { ws, sync } of opened.splice(0)) {
        await sync.stop();
        ws.close();
      }
      restoredPeak = peakRssMb(restored.child.pid as number) ?? restoredPeak;
      await stop(restored.child);
    }
    const pushJson = lastJson<SyncJson>(push.out);

    const measurements: Measurement[] = [
      {
        name: `first sync into an empty laptop (\`timbang sync\`, ${firstJson.docs} documents, ${firstJson.applied} records applied; pass ${firstJson.seconds} s)`,
        value: first.ms / 1000,
        unit: 's',
        reference: { name: 'bare providers pulling the same bytes from a bare Hocuspocus', value: barePull.ms / 1000 },
        budget: { max: FIRST_SYNC_SECONDS },
      },
      { name: 'ratio to the bare pull', value: first.ms / barePull.ms, unit: '×' },
      { name: 'peak memory of the laptop (`timbang sync`)', value: first.peakMb, unit: 'MB', budget: { max: LAPTOP_MEMORY_MB } },
      { name: 'peak memory of the hub serving it', value: hubPeak ?? 0, unit: 'MB', budget: { max: HUB_MEMORY_MB } },
      { name: 'peak memory of the bare client (reference)', value: barePull.peakMb, unit: 'MB' },
      {
        name: `first sync into an empty hub (the hub restored with its key; the laptop gives back ${pushJson.docs} documents)`,
        value: push.ms / 1000,
        unit: 's',
        reference: { name: 'bare providers pushing the same bytes into an empty bare Hocuspocus', value: barePush.ms / 1000 },
        budget: { max: FIRST_SYNC_SECONDS },
      },
      { name: 'ratio to the bare push', value: push.ms / barePush.ms, unit: '×' },
      {
        name: 'peak memory of the restored hub (whole run, incremental included)',
        value: restoredPeak ?? 0,
        unit: 'MB',
        budget: { max: HUB_MEMORY_MB },
      },
      { name: 'peak memory of the laptop pushing', value: push.peakMb, unit: 'MB', budget: { max: LAPTOP_MEMORY_MB } },
      {
        name: `incremental: a score on A → stored and acknowledged by the hub (median of ${INCREMENTAL_RUNS}; max ${Math.max(...incremental.ack).toFixed(0)} ms)`,
        value: median(incremental.ack),
        unit: 'ms',
        budget: { max: INCREMENTAL_MS },
      },
      { name: 'incremental: the slowest of them', value: Math.max(...incremental.ack), unit: 'ms', budget: { max: INCREMENTAL_MS } },
      {
        name: `incremental: an agreed score on A → applied on B (median of ${INCREMENTAL_RUNS}; max ${Math.max(...incremental.applied).toFixed(0)} ms)`,
        value: median(incremental.applied),
        unit: 'ms',
        budget: { max: INCREMENTAL_MS },
      },
      { name: 'incremental: the slowest of them', value: Math.max(...incremental.applied), unit: 'ms', budget: { max: INCREMENTAL_MS } },
    ];
    return report(`Sync: ${REGENCIES} regencies × ${ASSESSORS} assessors × 60 criteria (SQLite hub store, loopback)`, measurements);
  } finally {
    if (!process.env.KEEP_BENCH_DATA) rmSync(folder, { recursive: true, force: true });
    else console.log(`(kept ${folder})`);
  }
}

import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readRecords } from '../../../electron/core/sync/ydoc.ts';
import { random } from '../../helpers/cohort.ts';
import { hubDb, invite, startHubChild, type HubChild } from '../../helpers/hub.ts';
import { startPostgres, type TestPostgres } from '../../helpers/postgres.ts';
import { startTcpProxy, type TcpProxy } from '../../helpers/tcp-proxy.ts';
import { tempDir } from '../../helpers/temp.ts';
import { RESOURCES_DIR } from '../../helpers/workspace.ts';

/**
 * Three laptops, a proxy, chaos (docs/sync.md §8): three laptop processes with their own
 * workspaces and the app's sync engine, each behind its own loopback TCP proxy to a hub process
 * (SQLite store in one run, Postgres in the other). Edits while cut off, a lead claimed on two
 * laptops at once; after reconnecting every laptop and the hub hold the same records, the same
 * panel results and the same synced trail, and replaying everything changes nothing. Then the hub
 * and the laptops are killed (SIGKILL) ten times per store, twenty in all, in the middle of a busy sync: nothing
 * acknowledged is lost, nothing is applied twice, and everything converges again.
 */
const CHILD = join(import.meta.dirname, '..', '..', 'helpers', 'workers', 'laptop-child.ts');
/** SIGKILLs per store, hub and laptop in turn: twenty in the file. */
const KILLS = 10;
const NAMES = ['Dr. Sari', 'Prof. Budi', 'Ir. Wati'] as const;

interface Answer {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}

interface RecordRow {
  id: string;
  kind: string;
  author: string;
  seq: number;
  state: string;
  problem: string | null;
  origin: string;
  docs: string[];
}

interface LaptopState {
  me: string;
  records: RecordRow[];
  assessments: Record<string, unknown>[];
  panels: Record<string, unknown>[];
  trail: Record<string, unknown>[];
  duplicates: unknown[];
  summary: Record<string, unknown>[];
}

interface Status {
  service: { pending: number; refused: number; notApplied: number; waiting: number };
  engine: { pending: number; connected: boolean };
}

/** A laptop child process: commands in, answers out, by id. */
class Laptop {
  child!: ChildProcess;
  person = '';
  private next = 0;
  private readonly waiting = new Map<number, (answer: Answer) => void>();
  private stderr = '';
  private exited!: Promise<void>;

  readonly name: string;
  readonly dataDir: string;
  private readonly intervalMs: number;

  constructor(name: string, dataDir: string, intervalMs: number) {
    this.name = name;
    this.dataDir = dataDir;
    this.intervalMs = intervalMs;
  }

  start(): Promise<void> {
    this.child = spawn(process.execPath, [CHILD, this.dataDir, RESOURCES_DIR, this.name, String(this.intervalMs)], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, LANG: 'C.UTF-8', TIMBANG_LANG: '' },
    });
    const child = this.child;
    let out = '';
    return new Promise((resolve, reject) => {
      child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
      this.exited = new Promise((done) =>
        child.on('exit', (code, signal) => {
          for (const [id, answer] of this.waiting) answer({ id, ok: false, error: `exited (${code ?? signal})` });
          this.waiting.clear();
          reject(new Error(`${this.name} exited (${code ?? signal}): ${this.stderr}`));
          done();
        }),
      );
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        for (let end = out.indexOf('\n'); end >= 0; end = out.indexOf('\n')) {
          const line = JSON.parse(out.slice(0, end)) as Answer & { ready?: boolean; person?: string };
          out = out.slice(end + 1);
          if (line.ready) {
            this.person = line.person ?? '';
            resolve();
            continue;
          }
          this.waiting.get(line.id)?.(line);
          this.waiting.delete(line.id);
        }
      });
    });
  }

  /** A command's answer, `{ok: false}` included. */
  ask(cmd: string, args: Record<string, unknown> = {}): Promise<Answer> {
    const id = ++this.next;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.child.stdin!.write(`${JSON.stringify({ id, cmd, ...args })}\n`);
    });
  }

  /** A command that must succeed. */
  async do<T = unknown>(cmd: string, args: Record<string, unknown> = {}): Promise<T> {
    const answer = await this.ask(cmd, args);
    if (!answer.ok) throw new Error(`${this.name}: ${cmd} failed: ${answer.error}\n${this.stderr.slice(-2000)}`);
    return answer.result as T;
  }

  state = () => this.do<LaptopState>('state');
  status = () => this.do<Status>('status');

  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    await this.ask('stop');
    await this.exited;
  }
}

/** The hub process and what its store holds, read directly (the hub may be running or killed). */
interface Hub {
  child: HubChild;
  port: number;
  dataDir: string;
  args: string[];
  /** Every record in every document the hub stores (drafts too), by document. */
  docs(): Promise<Map<string, Set<string>>>;
  /** `hub_record`: the published records, as the ministry's SQL sees them. */
  published(): Promise<Set<string>>;
  integrity(): Promise<string>;
}

async function sqliteHub(dataDir: string): Promise<Hub> {
  const child = await startHubChild(dataDir);
  return {
    child,
    port: child.port,
    dataDir,
    args: [],
    docs: async () =>
      hubDb(dataDir, (db) =>
        docsOf(
          db.prepare('SELECT doc, "update" AS data FROM hub_doc_update UNION ALL SELECT doc, state FROM hub_doc_snapshot').all() as Row[],
        ),
      ),
    published: async () =>
      hubDb(dataDir, (db) => new Set((db.prepare('SELECT id FROM hub_record').all() as { id: string }[]).map((r) => r.id))),
    integrity: async () => hubDb(dataDir, (db) => String(db.pragma('integrity_check', { simple: true }))),
  };
}

async function postgresHub(dataDir: string, url: string): Promise<Hub> {
  const args = ['--postgres', url];
  const child = await startHubChild(dataDir, 0, args);
  const read = async <T>(sql: string): Promise<T[]> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql)).rows as T[];
    } finally {
      await client.end();
    }
  };
  return {
    child,
    port: child.port,
    dataDir,
    args,
    docs: async () =>
      docsOf(await read<Row>('SELECT doc, "update" AS data FROM hub_doc_update UNION ALL SELECT doc, state FROM hub_doc_snapshot')),
    published: async () => new Set((await read<{ id: string }>('SELECT id FROM hub_record')).map((r) => r.id)),
    // Postgres is never killed here (only the hub): that it answers is what there is to check.
    integrity: async () => ((await read<{ n: string }>('SELECT count(*) AS n FROM hub_doc_update')).length === 1 ? 'ok' : 'no answer'),
  };
}

interface Row {
  doc: string;
  data: Uint8Array;
}

function docsOf(rows: Row[]): Map<string, Set<string>> {
  const docs = new Map<string, Y.Doc>();
  for (const { doc, data } of rows) {
    const ydoc = docs.get(doc) ?? new Y.Doc();
    docs.set(doc, ydoc);
    Y.applyUpdate(ydoc, new Uint8Array(data));
  }
  return new Map([...docs].map(([name, ydoc]) => [name, new Set(readRecords(ydoc).map((record) => record.id))]));
}

/** The synced trail: the lines of the records this laptop applied. */
const appliedTrail = (state: LaptopState) => {
  const applied = new Set(state.records.filter((record) => record.state === 'applied').map((record) => record.id));
  return state.trail.filter((line) => applied.has(line.record_id as string));
};

const isPublished = (record: RecordRow) => record.docs.some((doc) => !doc.startsWith('draft/'));
const publishedOf = (state: LaptopState) => state.records.filter(isPublished);

/** Two values equal, numbers to 1e-9. */
function expectClose(actual: unknown, expected: unknown, path: string): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    expect(Math.abs(actual - expected), `${path}: ${actual} vs ${expected}`).toBeLessThan(1e-9);
  } else if (Array.isArray(expected)) {
    expect(Array.isArray(actual), path).toBe(true);
    expect((actual as unknown[]).length, `${path}.length`).toBe(expected.length);
    expected.forEach((value, index) => expectClose((actual as unknown[])[index], value, `${path}[${index}]`));
  } else if (expected && typeof expected === 'object') {
    expect(Object.keys(actual as object).sort(), path).toEqual(Object.keys(expected).sort());
    for (const [key, value] of Object.entries(expected)) expectClose((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
  } else expect(actual, path).toEqual(expected);
}

/** Sync every laptop until none has anything the hub has not acknowledged, then one more round so each has the others' last. */
async function converge(laptops: Laptop[], what: string): Promise<void> {
  for (let round = 0; round < 15; round += 1) {
    for (const laptop of laptops) await laptop.ask('sync');
    const statuses = await Promise.all(laptops.map((laptop) => laptop.status()));
    if (statuses.every((status) => status.engine.pending === 0 && status.service.pending === 0)) {
      for (const laptop of laptops) await laptop.do('sync');
      return;
    }
  }
  throw new Error(`${what}: the laptops did not converge in 15 rounds`);
}

/** Everything every laptop holds agrees, with each other and with the hub (docs/sync.md §8). */
async function expectConverged(laptops: Laptop[], hub: Hub, what: string): Promise<LaptopState[]> {
  const states = await Promise.all(laptops.map((laptop) => laptop.state()));
  const [first, ...others] = states as [LaptopState, ...LaptopState[]];
  const ids = (state: LaptopState) => publishedOf(state).map((record) => record.id);
  const fates = (state: LaptopState) => publishedOf(state).map(({ id, kind, state: fate, problem }) => ({ id, kind, fate, problem }));
  const published = await hub.published();
  expect(ids(first).length, `${what}: records published`).toBeGreaterThan(0);
  expect([...published].sort(), `${what}: hub_record = the laptops' published records`).toEqual(ids(first));
  const hubDocs = await hub.docs();
  for (const [index, state] of states.entries()) {
    const name = laptops[index]!.name;
    expect(ids(state), `${what}: ${name}'s published records`).toEqual(ids(first));
    expect(fates(state), `${what}: what became of each record on ${name}`).toEqual(fates(first));
    // Its drafts are backed up at the hub, in its own draft documents only.
    for (const record of state.records.filter((row) => row.origin === 'local'))
      for (const doc of record.docs)
        expect(hubDocs.get(doc)?.has(record.id), `${what}: ${name}'s ${record.kind} ${record.id} in ${doc} at the hub`).toBe(true);
    expect(state.duplicates, `${what}: no record twice in a trail on ${name}`).toEqual([]);
    expect(
      state.records.filter((record) => record.state === 'refused' || record.state === 'waiting'),
      `${what}: ${name}`,
    ).toEqual([]);
  }
  for (const [index, state] of others.entries()) {
    const name = laptops[index + 1]!.name;
    expectClose(state.summary, first.summary, `${what}: panel results on ${name}`);
    expect(state.assessments, `${what}: assessments on ${name}`).toEqual(first.assessments);
    expect(state.panels, `${what}: panels on ${name}`).toEqual(first.panels);
    expect(appliedTrail(state), `${what}: the synced trail on ${name}`).toEqual(appliedTrail(first));
  }
  // A line of a record that lost (the second lead claim, its agreed score) stays in the trail where it was
  // written before it lost (the trail is append-only): on the laptop that made it, and on a laptop that applied
  // it before the winning claim arrived. Those are the only lines that differ, and only for panel records.
  for (const state of states) {
    const fate = new Map(state.records.map((record) => [record.id, record]));
    const applied = appliedTrail(state);
    for (const line of state.trail.filter((row) => !applied.includes(row))) {
      expect(fate.get(line.record_id as string)?.state, `${what}: the record of trail line ${line.record_id}`).toBe('not_applied');
      expect(['lead', 'agreed'], `${what}: trail line ${line.record_id}`).toContain(line.action);
    }
  }
  return states;
}

const integrityOf = (dataDir: string) => {
  const db = new Database(join(dataDir, 'timbang.db'), { readonly: true });
  try {
    return {
      integrity: db.pragma('integrity_check', { simple: true }),
      twice: db
        .prepare(
          `SELECT t, record_id, count(*) AS n FROM (SELECT 'assessment_event' AS t, record_id FROM assessment_event WHERE record_id IS NOT NULL
             UNION ALL SELECT 'audit_log', record_id FROM audit_log WHERE record_id IS NOT NULL
             UNION ALL SELECT 'evidence', record_id FROM evidence WHERE record_id IS NOT NULL
             UNION ALL SELECT 'panel_agreement', record_id FROM panel_agreement WHERE record_id IS NOT NULL) GROUP BY t, record_id HAVING n > 1`,
        )
        .all(),
      // A trail line from a record this laptop does not hold would be a record applied from nowhere.
      orphans: db
        .prepare(
          `SELECT count(*) AS n FROM assessment_event e WHERE e.record_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sync_record r WHERE r.id = e.record_id)`,
        )
        .get(),
    };
  } finally {
    db.close();
  }
};

async function scenario(store: 'sqlite' | 'postgres', postgres?: TestPostgres): Promise<void> {
  const started = Date.now();
  const hubDir = tempDir();
  const hub = store === 'sqlite' ? await sqliteHub(hubDir) : await postgresHub(hubDir, await postgres!.newDatabase());
  const proxies: TcpProxy[] = [];
  const laptops: Laptop[] = [];
  try {
    for (const name of NAMES) {
      const proxy = await startTcpProxy({ port: hub.port });
      proxies.push(proxy);
      const laptop = new Laptop(name, tempDir(), 15_000);
      await laptop.start();
      laptops.push(laptop);
      await laptop.do('join', { hubUrl: proxy.url(), token: invite(hubDir, name, 'assessor', [], hub.args) });
    }
    const [sari, budi, wati] = laptops as [Laptop, Laptop, Laptop];

    // Sari sets up Banggai, Bimtek 3 and the rubric; everyone gets them; each scores.
    await sari.do('setup');
    await converge(laptops, 'after setup');
    for (const [index, laptop] of laptops.entries()) {
      await laptop.do('create');
      for (const [offset, code] of ['ECO.1', 'ECO.2', 'LIV.1', 'LIV.2'].entries())
        await laptop.do('score', { code, value: 1 + ((index + offset) % 5) });
    }
    await converge(laptops, 'after the first scores');

    // Budi and Wati lose the network. Everyone goes on working.
    proxies[1]!.cut();
    proxies[2]!.cut();
    expect((await budi.ask('sync')).error, 'a sync while cut off').toBe('sync.unreachable');
    await sari.do('score', { code: 'ECO.1', value: 5 });
    await sari.do('note', { code: 'ECO.1', text: 'Data BPS 2021 lengkap.' });
    await sari.do('evidence', { code: 'ECO.1', quote: 'Galeri UMKM daring' });
    await sari.do('submit');
    // Sari is online: the background sync takes her work to the hub by itself, within a few seconds.
    let sariPending = -1;
    for (const deadline = Date.now() + 15_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
      sariPending = (await sari.status()).engine.pending;
      if (sariPending === 0) break;
    }
    expect(sariPending, "Sari's work acknowledged by the background sync").toBe(0);

    await budi.do('score', { code: 'LIV.1', value: 4 });
    await budi.do('note', { code: 'LIV.1', text: 'Puskesmas keliling belum dipetakan.' });
    await budi.do('evidence', { code: 'LIV.1', quote: 'Ambulans gratis' });
    await wati.do('score', { code: 'ECO.2', value: 2 });
    await wati.do('note', { code: 'ECO.2', text: 'Quick win belum terukur.' });
    await budi.do('submit');
    await wati.do('submit');
    // Both claim the lead while cut off: each laptop believes it, only the first by (seq, id) may win.
    expect(await budi.do('takeLead'), 'Budi leads on his laptop').toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(await wati.do('takeLead'), 'Wati leads on hers').toBeTruthy();
    await budi.do('agree', { code: 'ECO.1', value: 4, reason: 'Disepakati dalam rapat panel' });
    await budi.do('agree', { code: 'LIV.1', value: 3, reason: 'Rata-rata panel' });
    await wati.do('agree', { code: 'ECO.1', value: 2, reason: 'Menurut ketua (yang kalah)' });

    proxies[1]!.restore();
    proxies[2]!.restore();
    await converge(laptops, 'after the cut');
    const states = await expectConverged(laptops, hub, 'after the cut');
    const state = states[0]!;
    const leads = state.records.filter((record) => record.kind === 'lead').sort((a, b) => a.seq - b.seq || (a.id < b.id ? -1 : 1));
    expect(leads.length, 'two lead claims').toBe(2);
    expect(
      leads.map((record) => record.state),
      'the first lead claim applied, the second not',
    ).toEqual(['applied', 'not_applied']);
    expect(leads[1]!.problem).toContain('panel.lead_taken');
    // Exactly one lead on every laptop: the author of the first claim, Budi or Wati.
    const lead = state.panels[0]?.lead;
    expect(state.panels.map((panel) => panel.lead)).toEqual([leads[0]!.author]);
    expect([budi.person, wati.person]).toContain(lead);
    // The losing lead's agreed score is not applied either; the winner's are the panel's.
    const agreed = state.records.filter((record) => record.kind === 'agreed');
    expect(agreed.length).toBe(3);
    expect(agreed.filter((record) => record.state === 'applied').length).toBe(lead === budi.person ? 2 : 1);

    // Replay: every record ingested again, and a sync file of everything imported, change nothing.
    const file = await sari.do<string>('export');
    for (const laptop of laptops) {
      const replay = await laptop.do<{ changed: string[]; imported: { refused: unknown[] } }>('replay', {
        content: file,
        fileName: 'sinkron-semua.timbang-sync',
      });
      expect(replay.imported.refused, `${laptop.name}: nothing in the file refused`).toEqual([]);
      expect(replay.changed, `${laptop.name}: tables changed by the replay`).toEqual([]);
    }
    const seconds = Math.round((Date.now() - started) / 1000);

    // SIGKILL ×20 in a busy sync: the hub and a laptop in turn, each restarted on the same port / workspace.
    const killStarted = Date.now();
    for (const laptop of laptops) {
      await laptop.do('create', { stage: 4 });
      await laptop.do('busy', { on: true, everyMs: 40, stage: 4 });
    }
    const acknowledged = laptops.map(() => new Set<string>());
    const next = random(store === 'sqlite' ? 17 : 71);
    let hubKills = 0;
    let laptopKills = 0;
    for (let kill = 0; kill < KILLS; kill += 1) {
      // Work a random while, collecting what each laptop says the hub has acknowledged.
      const until = Date.now() + 300 + Math.floor(next() * 700);
      while (Date.now() < until) {
        await Promise.all(
          laptops.map(async (laptop, index) => {
            const answer = await laptop.ask('acked');
            if (answer.ok) for (const id of answer.result as string[]) acknowledged[index]!.add(id);
          }),
        );
        await new Promise((resolve) => setTimeout(resolve, 50 + Math.floor(next() * 100)));
      }
      if (kill % 2 === 0) {
        await hub.child.kill();
        hubKills += 1;
        expect(await hub.integrity(), `hub store after kill ${kill + 1}`).toBe('ok');
        hub.child = await startHubChild(hubDir, hub.port, hub.args);
      } else {
        const laptop = laptops[laptopKills % laptops.length]!;
        await laptop.kill();
        laptopKills += 1;
        const checked = integrityOf(laptop.dataDir);
        expect(checked, `${laptop.name} after kill ${kill + 1}`).toEqual({ integrity: 'ok', twice: [], orphans: { n: 0 } });
        await laptop.start();
        await laptop.do('busy', { on: true, everyMs: 40, stage: 4 });
      }
      // Nothing any laptop saw acknowledged is missing at the hub.
      const held = new Set([...(await hub.docs()).values()].flatMap((ids) => [...ids]));
      for (const [index, ids] of acknowledged.entries()) {
        const lost = [...ids].filter((id) => !held.has(id));
        expect(lost, `acknowledged to ${laptops[index]!.name}, lost at the hub after kill ${kill + 1}`).toEqual([]);
      }
    }
    let scored = 0;
    for (const laptop of laptops) scored += await laptop.do<number>('busy', { on: false });
    for (const laptop of laptops) await laptop.do('submit', { stage: 4 });
    await converge(laptops, 'after the kills');
    const final = await expectConverged(laptops, hub, 'after the kills');
    for (const laptop of laptops) expect(integrityOf(laptop.dataDir)).toEqual({ integrity: 'ok', twice: [], orphans: { n: 0 } });
    const acked = acknowledged.reduce((sum, ids) => sum + ids.size, 0);
    console.log(
      `convergence (${store}): cut and restored in ${seconds} s, ${publishedOf(states[0]!).length} records published; ` +
        `${KILLS} kills (${hubKills} hub, ${laptopKills} laptop) in ${Math.round((Date.now() - killStarted) / 1000)} s, ` +
        `${scored} scores in the busy loops after the last restarts, ${acked} records seen acknowledged, none lost; ` +
        `${final[0]!.records.length} records on each laptop at the end, ${publishedOf(final[0]!).length} published`,
    );
    expect(acked).toBeGreaterThan(KILLS);
  } finally {
    for (const laptop of laptops) await laptop.stop().catch(() => undefined);
    for (const proxy of proxies) await proxy.close();
    await hub.child.stop();
  }
}

describe('three laptops, a proxy, chaos', () => {
  let postgres: TestPostgres;
  beforeAll(async () => {
    postgres = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await postgres?.stop();
  });

  it('converge through cuts and kills with the SQLite store', () => scenario('sqlite'), 150_000);
  it('converge through cuts and kills with the Postgres store', () => scenario('postgres', postgres), 150_000);
});

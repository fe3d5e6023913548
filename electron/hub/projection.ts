import { join } from 'node:path';
import { parseDocName, REGISTRY_DOC } from '../../shared/sync/docs.ts';
import type { Db } from '../core/db/open.ts';
import { execute, query } from '../core/db/query.ts';
import { ingest } from '../core/sync/apply.ts';
import type { IngestReport } from '../core/sync/types.ts';
import { openWorkspaceHost, type WorkspaceHost } from '../core/workspace/host.ts';
import type { HubStore } from './store.ts';

/**
 * The hub's projection (docs/sync.md §6): a Timbang workspace in `DIR/workspace/` that holds every
 * published record the hub has stored, applied by the laptop's applier, so that the ministry's
 * read-only view runs on the same services, dashboards and recap as a laptop. Drafts never reach
 * it: their records are never in `hub_record`.
 *
 * It runs after the stored updates, never on their path: the hub calls `poke()` after storing an
 * update and goes on to acknowledge it; a debounced pass reads the store's document index, and
 * for each document whose latest update row is past what the projection holds (the small table
 * `hub_projection` in the workspace, written in the same transaction as the records), it reads
 * that document's published records and ingests them in batches (the registry first: its member
 * records say whose signatures the rest carry). A pass also runs at start (a hub restarted, a
 * Postgres store filled by another hub process) and every `pollMs`. Ingesting again is idempotent.
 */
export const WORKSPACE_FOLDER = 'workspace';

export interface ProjectionOptions {
  store: HubStore;
  /** The hub's data folder; the workspace is `DIR/workspace/`. */
  dataDir: string;
  hub: { fingerprint: string; publicKey: string; url: string };
  resourcesDir: string;
  appVersion: string;
  /** How long after a stored update a pass starts (ms, default 250). */
  debounceMs?: number;
  /** A pass this often anyway, for a store written by another process (ms, default 10 000; 0: never). */
  pollMs?: number;
  /** Records per ingest transaction (default 2000). */
  batch?: number;
  log?: (message: string, error?: unknown) => void;
}

export interface ProjectionPass {
  docs: number;
  report: Omit<IngestReport, 'refusals'>;
}

export interface Projection {
  readonly host: WorkspaceHost;
  /** A stored update: a pass soon. Returns at once. */
  poke(): void;
  /** A pass now (after the one running, if any). */
  run(): Promise<ProjectionPass>;
  /** Waits until no pass is due or running. */
  idle(): Promise<void>;
  /** The update row id the projection holds for each document. */
  progress(): Map<string, number>;
  close(): Promise<void>;
}

const PROGRESS_TABLE = `CREATE TABLE IF NOT EXISTS hub_projection (doc TEXT PRIMARY KEY, version INTEGER NOT NULL) STRICT`;

function progressOf(db: Db): Map<string, number> {
  return new Map(
    query<{ doc: string; version: number }>(db, 'SELECT doc, version FROM hub_projection')
      .all()
      .map((row) => [row.doc, row.version]),
  );
}

export async function startProjection(options: ProjectionOptions): Promise<Projection> {
  const { store } = options;
  const batch = options.batch ?? 2000;
  const debounceMs = options.debounceMs ?? 250;
  const host = await openWorkspaceHost(join(options.dataDir, WORKSPACE_FOLDER), {
    resourcesDir: options.resourcesDir,
    mode: 'hub',
    appVersion: options.appVersion,
    backgroundSync: false,
    // The ministry sees panel results under the team's rules, as every laptop in the team does.
    followHub: `hub:${options.hub.fingerprint}`,
  });
  const db = () => host.current().db;
  db().exec(PROGRESS_TABLE);
  // The hub's own key signs the member records: the projection trusts it, as a laptop that joined does.
  execute(
    db(),
    `INSERT INTO sync_trusted_hub (fingerprint, public_key, url) VALUES (?, ?, ?)
     ON CONFLICT (fingerprint) DO UPDATE SET public_key = excluded.public_key, url = excluded.url`,
  )(options.hub.fingerprint, options.hub.publicKey, options.hub.url);

  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let chain: Promise<unknown> = Promise.resolve();
  let pending = 0;

  async function pass(): Promise<ProjectionPass> {
    const total: ProjectionPass = { docs: 0, report: { received: 0, applied: 0, notApplied: 0, waiting: 0, refused: 0 } };
    if (closed) return total;
    const index = await store.docIndex();
    if (closed) return total;
    const done = progressOf(db());
    const due = index
      .filter(({ doc, version }) => parseDocName(doc) !== null && parseDocName(doc)?.type !== 'draft' && version > (done.get(doc) ?? 0))
      .sort((x, y) => Number(y.doc === REGISTRY_DOC) - Number(x.doc === REGISTRY_DOC) || (x.doc < y.doc ? -1 : x.doc > y.doc ? 1 : 0));
    for (const { doc, version } of due) {
      // Read after the index: whatever the index names is in these rows (stored in one transaction).
      const records = await store.records({ doc });
      if (closed) return total;
      const workspace = host.current();
      const chunks = Math.max(1, Math.ceil(records.length / batch));
      for (let part = 0; part < chunks; part += 1) {
        const entries = records.slice(part * batch, (part + 1) * batch).map((record) => ({ record, doc }));
        const last = part === chunks - 1;
        const report = workspace.db.transaction(() => {
          const made = ingest(workspace.db, entries, 'hub', { areas: workspace.areas });
          if (last) execute(workspace.db, 'INSERT OR REPLACE INTO hub_projection (doc, version) VALUES (?, ?)')(doc, version);
          return made;
        })();
        for (const key of ['received', 'applied', 'notApplied', 'waiting', 'refused'] as const) total.report[key] += report[key];
        // Let the hub answer its sockets between batches.
        await new Promise((resolve) => setImmediate(resolve));
        if (closed) return total;
      }
      total.docs += 1;
    }
    return total;
  }

  function run(): Promise<ProjectionPass> {
    pending += 1;
    const next = chain.then(pass).finally(() => (pending -= 1));
    chain = next.catch((error: unknown) => options.log?.('hub: projecting the records failed', error));
    return next;
  }

  function poke(): void {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void run().catch(() => undefined);
    }, debounceMs);
  }

  const pollMs = options.pollMs ?? 10_000;
  const poll = pollMs > 0 ? setInterval(poke, pollMs) : undefined;
  poll?.unref();

  // The catch-up at start: what the store holds and the projection does not.
  void run().catch(() => undefined);

  return {
    host,
    poke,
    run,
    async idle() {
      while (timer || pending > 0) {
        await chain;
        if (timer) await new Promise((resolve) => setTimeout(resolve, debounceMs));
      }
    },
    progress: () => progressOf(db()),
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      if (poll) clearInterval(poll);
      await chain;
      await host.close();
    },
  };
}

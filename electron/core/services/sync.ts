import { AppError } from '../../../shared/errors.ts';
import type { RemoteDocument, SyncPass, SyncStatus } from '../../../shared/ipc/contract.ts';
import type { DocumentKind, DocumentRole } from '../../../shared/intake/model.ts';
import { recordBodySchema, subOf, type TeamRole } from '../../../shared/sync/record.ts';
import type { Db } from '../db/open.ts';
import { query } from '../db/query.ts';
import { subOfSubmission } from '../sync/emit.ts';
import { pendingCount } from '../sync/outbox.ts';

/** What only a running sync engine knows: the connection, who is online, a pass under way. */
export interface SyncLive {
  connected: boolean;
  syncing: boolean;
  lastError: string | null;
  online: SyncStatus['online'];
  progress: SyncStatus['progress'];
  applied: number;
}

/** The engine behind Sinkronkan; absent where the workspace has none (a hub's own query store, tests). */
export interface SyncDriver {
  /** Null until the engine is loaded (it is, on first use). */
  live(): SyncLive | null;
  join(hubUrl: string, token: string): Promise<void>;
  syncNow(): Promise<SyncPass>;
  exportFile(options: { subs?: string[]; regencyCode?: string }): Promise<{ fileName: string; content: Buffer }>;
  importFile(fileName: string, content: Buffer): Promise<{ docs: number; applied: number; refused: { doc: string; problem: string }[] }>;
  /** The engine's waitForApplied: resolves when records from the hub were applied since `since`, or after `timeoutMs`. */
  changes(since: number, timeoutMs: number): Promise<number>;
  /** Downloads a document known from the team and imports it into its submission, as a user's import. */
  fetchDocument(sub: string, sha256: string): Promise<{ documentId: number; fileName: string; kind: DocumentKind; pages: number }>;
}

/** How long `sync.changes` waits before answering that nothing changed (below any proxy's idle timeout). */
const CHANGES_WAIT_MS = 25_000;

const OFFLINE: SyncLive = { connected: false, syncing: false, lastError: null, online: [], progress: null, applied: 0 };

export type SyncRecordState = 'refused' | 'not_applied' | 'waiting';

/** Sinkronkan as the screens and the CLI read it: the team, the counts of what came of the records, the engine's live state. */
export function createSyncService(db: Db) {
  let driver: SyncDriver | null = null;
  const need = () => {
    if (!driver) throw new AppError('sync.unavailable');
    return driver;
  };

  function status(): SyncStatus {
    const team = query<{
      hub_url: string;
      role: TeamRole;
      fingerprint: string;
      regencies: string;
      joined_at: string;
      last_sync_at: string | null;
    }>(db, 'SELECT hub_url, role, fingerprint, regencies, joined_at, last_sync_at FROM sync_team WHERE id = 1').get();
    const counts = new Map(
      query<{ state: string; n: number }>(db, "SELECT state, count(*) AS n FROM sync_record WHERE state <> 'applied' GROUP BY state")
        .all()
        .map((row) => [row.state, row.n]),
    );
    const live = driver?.live() ?? OFFLINE;
    return {
      team: team
        ? {
            hubUrl: team.hub_url,
            role: team.role,
            fingerprint: team.fingerprint,
            regencies: JSON.parse(team.regencies) as string[],
            joinedAt: team.joined_at,
          }
        : null,
      ...live,
      lastSyncAt: team?.last_sync_at ?? null,
      pending: pendingCount(db),
      waiting: counts.get('waiting') ?? 0,
      refused: counts.get('refused') ?? 0,
      notApplied: counts.get('not_applied') ?? 0,
    };
  }

  /** The records that did not make it into this workspace, newest first, with why. */
  function records(state: SyncRecordState) {
    return query<{
      id: string;
      kind: string;
      author: string;
      text: string;
      problem: string | null;
      origin: string;
      received_at: string;
      name: string | null;
    }>(
      db,
      `SELECT r.id, r.kind, r.author, r.text, r.problem, r.origin, r.received_at, coalesce(m.name, p.name) AS name
       FROM sync_record r LEFT JOIN sync_member m ON m.person = r.author LEFT JOIN person p ON p.id = r.author
       WHERE r.state = ? ORDER BY r.received_at DESC, r.id LIMIT 500`,
    )
      .all(state)
      .map((row) => {
        const body = recordBodySchema.safeParse(safeJson(row.text));
        return {
          id: row.id,
          kind: row.kind,
          author: row.author,
          authorName: row.name ?? (body.success ? body.data.by : row.author),
          sub: body.success ? subOf(body.data) : null,
          state,
          problem: row.problem,
          origin: row.origin,
          receivedAt: row.received_at,
        };
      });
  }

  /** The submission's documents known from the team (`remote_document`) whose file this laptop does not hold yet. */
  function remoteDocuments(submissionId: number): RemoteDocument[] {
    if (query<{ id: number }>(db, 'SELECT id FROM submission WHERE id = ?').get(submissionId) === undefined)
      throw new AppError('submission.not_found', { id: submissionId });
    const sub = subOfSubmission(db, submissionId);
    return query<{ sub: string; sha256: string; fileName: string; role: DocumentRole; size: number; pages: number }>(
      db,
      `SELECT r.sub, r.sha256, r.file_name AS fileName, r.role, r.size, r.pages FROM remote_document r
        WHERE r.sub = ? AND NOT EXISTS (SELECT 1 FROM document d WHERE d.submission_id = ? AND d.sha256 = r.sha256)
        ORDER BY r.file_name, r.sha256`,
    ).all(sub, submissionId);
  }

  return {
    status,
    records,
    remoteDocuments,
    /** The engine that does the work, once the process that holds the workspace starts one. */
    attach(engine: SyncDriver | null) {
      driver = engine;
    },
    async join(hubUrl: string, token: string): Promise<SyncStatus> {
      await need().join(hubUrl, token);
      return status();
    },
    syncNow: () => need().syncNow(),
    /** Waits for others' records to be applied here (a long poll); without an engine, the wait ends with nothing applied. */
    changes: (since: number): Promise<number> =>
      driver ? driver.changes(since, CHANGES_WAIT_MS) : new Promise((resolve) => setTimeout(() => resolve(0), CHANGES_WAIT_MS)),
    exportFile: (options: { subs?: string[]; regencyCode?: string }) => need().exportFile(options),
    importFile: (fileName: string, content: Buffer) => need().importFile(fileName, content),
    fetchDocument: (sub: string, sha256: string) => need().fetchDocument(sub, sha256),
  };
}

export type SyncService = ReturnType<typeof createSyncService>;

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

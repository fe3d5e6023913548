import type { Workspace } from '../workspace/open.ts';
import { directoryOf, ingest } from './apply.ts';
import type { SyncParts } from './engine.ts';
import { markDrained, pendingOutbox } from './outbox.ts';
import { publishFinalPanels, seedRecords } from './seed.ts';

/** The applier and the outbox of one workspace, as the sync engine uses them. */
export function syncPartsFor(workspace: Pick<Workspace, 'db' | 'areas'>, now: () => string = () => new Date().toISOString()): SyncParts {
  const { db, areas } = workspace;
  return {
    ingest: (entries, origin) => ingest(db, entries, origin, { areas, now }),
    directory: () => directoryOf(db),
    pendingOutbox: () => pendingOutbox(db),
    markDrained: (doc, ids) => markDrained(db, doc, ids),
    seed: () => seedRecords(db, now()),
    publishFinalPanels: () => publishFinalPanels(db, now()),
  };
}

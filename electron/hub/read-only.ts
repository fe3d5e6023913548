import { AppError } from '../../shared/errors.ts';
import { channels, type Channel } from '../../shared/ipc/contract.ts';
import type { Handlers } from '../core/handlers/index.ts';

/**
 * The ministry's view of the hub is read-only (docs/sync.md §6): every channel of the contract is
 * classified here, by hand. `read` channels reach the hub's projection; `write` channels answer
 * `hub.read_only` without touching it. Reports that build a file (recap, score sheet, letter,
 * exports of a rubric or an assessment) are reads: they return the file and store nothing.
 * A channel added to the contract fails to compile here (and the test) until it is classified.
 */
export const CHANNEL_ACCESS: Record<Channel, 'read' | 'write'> = {
  'workspace.info': 'read',
  'areas.list': 'read',
  'areas.provinces': 'read',
  'regencies.list': 'read',
  'regencies.get': 'read',
  'regencies.add': 'write',
  'regencies.update': 'write',
  'regencies.remove': 'write',
  'profile.get': 'read',
  'profile.save': 'write',
  'profile.people': 'read',
  'profile.newPerson': 'write',
  'profile.switch': 'write',
  'settings.get': 'read',
  'settings.save': 'write',
  'settings.team': 'read',
  'rubrics.list': 'read',
  'rubrics.get': 'read',
  'rubrics.save': 'write',
  'rubrics.import': 'write',
  'rubrics.export': 'read',
  'submissions.list': 'read',
  'submissions.create': 'write',
  'submissions.get': 'read',
  'submissions.remove': 'write',
  'documents.import': 'write',
  'documents.jobs': 'read',
  'documents.get': 'read',
  'documents.page': 'read',
  'documents.remove': 'write',
  'search.pages': 'read',
  'inventory.list': 'read',
  'inventory.update': 'write',
  'inventory.setStatus': 'write',
  'lexicon.topics': 'read',
  'assessments.list': 'read',
  'assessments.create': 'write',
  'assessments.get': 'read',
  'assessments.score': 'write',
  'assessments.note': 'write',
  'assessments.addEvidence': 'write',
  'assessments.removeEvidence': 'write',
  'assessments.transition': 'write',
  'assessments.upgrade': 'write',
  'assessments.history': 'read',
  'assessments.export': 'read',
  'assessments.import': 'write',
  'panels.get': 'read',
  'panels.takeLead': 'write',
  'panels.reconcile': 'write',
  'summary.get': 'read',
  'portfolio.get': 'read',
  'reports.scoresheet': 'read',
  'reports.recap': 'read',
  'reports.letter': 'read',
  'reports.importScoresheet': 'write',
  'backups.list': 'read',
  'backups.create': 'write',
  'backups.restore': 'write',
  'demo.open': 'write',
  'demo.leave': 'write',
  'demo.progress': 'read',
  // Writes a workspace file on the hub's disk.
  'workspace.export': 'write',
  'workspace.import': 'write',
  'analytics.dashboard': 'read',
  'analytics.progress': 'read',
  'analytics.cohort': 'read',
  'sync.status': 'read',
  'sync.changes': 'read',
  'sync.join': 'write',
  'sync.now': 'write',
  'sync.records': 'read',
  'sync.remoteDocuments': 'read',
  // Downloads a file and imports it.
  'sync.fetchDocument': 'write',
  'sync.export': 'write',
  'sync.import': 'write',
};

/** The handlers with every write channel answering `hub.read_only`; reads go to `handlers` as they are at call time. */
export function readOnlyHandlers(handlers: Handlers): Handlers {
  const wrapped: Record<string, (input: unknown) => unknown> = {};
  for (const channel of channels) {
    wrapped[channel] =
      CHANNEL_ACCESS[channel] === 'read'
        ? (input: unknown) => (handlers[channel] as (input: unknown) => unknown)(input)
        : () => {
            throw new AppError('hub.read_only', { channel });
          };
  }
  return wrapped as unknown as Handlers;
}

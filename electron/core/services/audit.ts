import { execute, query } from '../db/query.ts';
import type { EmittedRecord } from '../sync/outbox.ts';
import type { ServiceContext } from './context.ts';

export interface AuditEntry {
  action: string;
  entity: string;
  entityKey: string;
  before?: unknown;
  after?: unknown;
}

export interface AuditRecord extends AuditEntry {
  id: number;
  at: string;
  actor: string;
  actorId: string | null;
  actorRole: string | null;
}

/**
 * Append to the audit log. Call inside the transaction that makes the change. With the change's
 * signed record (in a team), the line carries its id and takes its time and name.
 */
export function appendAudit(ctx: ServiceContext, entry: AuditEntry, record?: EmittedRecord | null): void {
  const actor = ctx.actor();
  execute(
    ctx.db,
    `INSERT INTO audit_log (at, actor, actor_id, actor_role, action, entity, entity_key, before, after, record_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )(
    record?.body.at ?? ctx.now(),
    record?.body.by ?? actor.name,
    actor.id,
    actor.role,
    entry.action,
    entry.entity,
    entry.entityKey,
    entry.before === undefined ? null : JSON.stringify(entry.before),
    entry.after === undefined ? null : JSON.stringify(entry.after),
    record?.id ?? null,
  );
}

interface AuditRow {
  id: number;
  at: string;
  actor: string;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  entity: string;
  entity_key: string;
  before: string | null;
  after: string | null;
}

export function listAudit(ctx: ServiceContext, entity?: string, entityKey?: string): AuditRecord[] {
  const rows = query<AuditRow>(
    ctx.db,
    `SELECT * FROM audit_log
     WHERE (@entity IS NULL OR entity = @entity) AND (@entityKey IS NULL OR entity_key = @entityKey)
     ORDER BY id`,
  ).all({ entity: entity ?? null, entityKey: entityKey ?? null });
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    actor: row.actor,
    actorId: row.actor_id,
    actorRole: row.actor_role,
    action: row.action,
    entity: row.entity,
    entityKey: row.entity_key,
    before: row.before === null ? undefined : (JSON.parse(row.before) as unknown),
    after: row.after === null ? undefined : (JSON.parse(row.after) as unknown),
  }));
}

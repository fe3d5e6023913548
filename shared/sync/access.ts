import { parseDocName, regencyOfDoc, type DocName } from './docs.ts';
import { regencyOfSub, subOf, type RecordBody, type TeamRole } from './record.ts';

/**
 * Who may open which document and author which record (docs/sync.md §1, §2). The hub asks
 * it of every connection and every incoming record; each laptop asks it again of everything it
 * receives. One owner for the team's rules.
 */
export interface Member {
  person: string;
  name: string;
  role: TeamRole;
  /** The regencies in scope; empty means every regency (assessors and the ministry without a limit). */
  regencies: readonly string[];
  publicKey: string;
  /** Set once revoked: records with a larger counter are refused. */
  revokedAfterSeq: number | null;
}

export type DocAccess = 'none' | 'read' | 'write';

export function inScope(member: Pick<Member, 'role' | 'regencies'>, regency: string): boolean {
  if (member.role === 'planner') return member.regencies.includes(regency);
  return member.regencies.length === 0 || member.regencies.includes(regency);
}

export function docAccess(member: Pick<Member, 'person' | 'role' | 'regencies'>, name: string | DocName): DocAccess {
  const doc = typeof name === 'string' ? parseDocName(name) : name;
  if (!doc) return 'none';
  const regency = regencyOfDoc(doc);
  if (regency !== null && !inScope(member, regency)) return 'none';
  switch (doc.type) {
    case 'registry':
      return member.role === 'ministry' ? 'read' : 'write';
    case 'panel':
      return member.role === 'assessor' ? 'write' : member.role === 'ministry' ? 'read' : 'none';
    case 'draft':
      return doc.person === member.person && member.role !== 'ministry' ? 'write' : 'none';
    case 'regency':
      return member.role === 'ministry' ? 'read' : 'write';
  }
}

/**
 * What a member may do with a document's file (docs/sync.md §6): the most their role allows on any
 * document that references it. A file nobody references, or referenced only where the member may
 * not look, is `none` (the hub answers as if it did not exist).
 */
export function blobAccess(member: Pick<Member, 'person' | 'role' | 'regencies'>, referencedBy: Iterable<string>): DocAccess {
  let best: DocAccess = 'none';
  for (const doc of referencedBy) {
    const access = docAccess(member, doc);
    if (access === 'write') return access;
    if (access === 'read') best = access;
  }
  return best;
}

/**
 * Why this author may not have written this record into this document, or null when they may.
 * `author` is the member who signed it (null for the hub's own key). Only the record and the
 * member list are needed: what depends on other records (who leads a panel, whether an
 * assessment was still a draft) is the state rule's (state.ts).
 */
export function authorshipProblem(body: RecordBody, author: Member | null, docNameText: string): string | null {
  const doc = parseDocName(docNameText);
  if (!doc) return 'sync.bad_document';
  if (body.kind === 'member' || body.kind === 'settings') return author === null && doc.type === 'registry' ? null : 'sync.out_of_role';
  if (author === null) return 'sync.out_of_role';
  if (author.revokedAfterSeq !== null && body.seq > author.revokedAfterSeq) return 'sync.revoked';
  if (author.role === 'ministry') return 'sync.out_of_role';
  const sub = subOf(body);
  const regency = body.kind === 'regency' ? body.code : sub ? regencyOfSub(sub) : null;
  if (regency !== null && !inScope(author, regency)) return 'sync.out_of_scope';

  switch (body.kind) {
    case 'regency':
    case 'rubric':
      return author.role === 'assessor' && doc.type === 'registry' ? null : 'sync.out_of_role';
    case 'submission':
      return doc.type === 'registry' ? null : 'sync.wrong_document';
    case 'document':
      if (doc.type === 'registry') return 'sync.wrong_document';
      return sameSubmissionOrRegency(doc, body.sub) ? null : 'sync.wrong_document';
    case 'lead':
    case 'agreed':
      if (author.role !== 'assessor') return 'sync.out_of_role';
      return (doc.type === 'panel' || doc.type === 'regency') && sameSubmissionOrRegency(doc, body.panel.sub)
        ? null
        : 'sync.wrong_document';
    default: {
      // A panel's lead may finalize or reopen an assessor's submitted work (whether this author leads is state.ts's to say).
      if (body.kind === 'status' && body.a.person !== body.author) {
        const leadMove = body.a.role === 'assessor' && author.role === 'assessor' && (body.to === 'finalized' || body.to === 'draft');
        if (!leadMove) return 'sync.not_author';
        return (doc.type === 'panel' || doc.type === 'regency') && sameSubmissionOrRegency(doc, body.a.sub) ? null : 'sync.wrong_document';
      }
      // Every other assessment record: only ever one's own, in one's own role.
      if (body.a.person !== body.author) return 'sync.not_author';
      if (body.a.role === 'assessor' && author.role !== 'assessor') return 'sync.out_of_role';
      if (body.a.role === 'self' && author.role !== 'planner') return 'sync.out_of_role';
      if (doc.type === 'registry') return 'sync.wrong_document';
      if (doc.type === 'draft') return doc.person === body.author && doc.sub === body.a.sub ? null : 'sync.wrong_document';
      if (doc.type === 'panel') return body.a.role === 'assessor' && doc.sub === body.a.sub ? null : 'sync.wrong_document';
      return sameSubmissionOrRegency(doc, body.a.sub) ? null : 'sync.wrong_document';
    }
  }
}

function sameSubmissionOrRegency(doc: DocName, sub: string): boolean {
  if (doc.type === 'regency') return doc.code === regencyOfSub(sub);
  if (doc.type === 'panel' || doc.type === 'draft') return doc.sub === sub;
  return false;
}

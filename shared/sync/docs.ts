import { personIdSchema, regencyOfSub, subKeySchema, type SubKey } from './record.ts';
import { regencyCodeSchema } from '../domain/area.ts';

/**
 * The Yjs documents records live in (docs/sync.md §5): the registry (people, regencies,
 * submissions, rubrics), one panel document per submission (published assessor work, lead,
 * agreed scores), one private draft document per person and submission, and one per regency
 * (planners' published self-assessment and the published results).
 */
export type DocName =
  | { type: 'registry' }
  | { type: 'panel'; sub: SubKey }
  | { type: 'draft'; person: string; sub: SubKey }
  | { type: 'regency'; code: string };

export const REGISTRY_DOC = 'registry';
export const panelDocName = (sub: SubKey) => `panel/${sub}`;
export const draftDocName = (person: string, sub: SubKey) => `draft/${person}/${sub}`;
export const regencyDocName = (code: string) => `regency/${code}`;

export function docName(doc: DocName): string {
  switch (doc.type) {
    case 'registry':
      return REGISTRY_DOC;
    case 'panel':
      return panelDocName(doc.sub);
    case 'draft':
      return draftDocName(doc.person, doc.sub);
    case 'regency':
      return regencyDocName(doc.code);
  }
}

/** The document a name stands for, or null for a name that is none of ours. */
export function parseDocName(name: string): DocName | null {
  if (name === REGISTRY_DOC) return { type: 'registry' };
  const [type, ...rest] = name.split('/');
  if (type === 'panel') {
    const sub = subKeySchema.safeParse(rest.join('/'));
    return sub.success ? { type: 'panel', sub: sub.data } : null;
  }
  if (type === 'draft') {
    const [person = '', ...subParts] = rest;
    const id = personIdSchema.safeParse(person);
    const sub = subKeySchema.safeParse(subParts.join('/'));
    return id.success && sub.success && !person.includes('/') ? { type: 'draft', person, sub: sub.data } : null;
  }
  if (type === 'regency' && rest.length === 1) {
    const code = regencyCodeSchema.safeParse(rest[0]);
    return code.success && code.data === rest[0] ? { type: 'regency', code: code.data } : null;
  }
  return null;
}

/** The regency a document is about, or null for the registry. */
export function regencyOfDoc(doc: DocName): string | null {
  if (doc.type === 'registry') return null;
  if (doc.type === 'regency') return doc.code;
  return regencyOfSub(doc.sub);
}

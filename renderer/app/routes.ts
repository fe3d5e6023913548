import { useEffect, useState } from 'react';
import { guardUnsaved, mayLeave } from './unsaved.ts';

export type RubricMode = 'view' | 'edit' | 'clone';

/** Where the reader of a submission is: which document, which page, which words are highlighted. */
export interface ReaderPosition {
  document?: number;
  pageNumber?: number;
  query?: string;
  tab?: 'viewer' | 'inventory';
}

export type Route =
  | { page: 'home' }
  | { page: 'regencies' }
  | { page: 'regency'; code: string }
  | { page: 'submission'; id: number; reader: ReaderPosition }
  | { page: 'assessments' }
  | { page: 'assessment'; id: number; criterion?: string }
  | { page: 'panel'; submissionId: number; rubricId?: string; tab?: PanelTab }
  | { page: 'dashboard'; submissionId: number; rubricId?: string }
  | { page: 'self'; submissionId: number; rubricId?: string }
  | { page: 'progress'; code: string; rubricId?: string }
  | { page: 'cohort'; filter?: CohortFilter }
  | { page: 'rubrics' }
  | { page: 'rubric'; id: string; version: number; mode: RubricMode }
  | { page: 'profile' }
  | { page: 'settings' }
  | { page: 'sync' };

export type Page = Route['page'];
export type PanelTab = 'panel' | 'self' | 'history';
export interface CohortFilter {
  rubricId?: string;
  provinceCode?: string;
  cohortYear?: number;
  stage?: number;
}

const SIMPLE: Page[] = ['regencies', 'assessments', 'rubrics', 'profile', 'settings', 'sync'];

/** "#/rubrics/masterplan-review/2/edit" → { page: 'rubric', id, version: 2, mode: 'edit' }. */
export function parseRoute(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#\/?/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const [first = '', id, version, mode] = parts;
  const query = new URLSearchParams(search);
  const rubricParam = query.get('rubric');
  const rubricId = rubricParam && /^[a-z0-9-]{1,80}$/.test(rubricParam) ? { rubricId: rubricParam } : {};
  if (first === 'regencies' && id && /^\d{2}\.\d{2}$/.test(id) && version === 'progress')
    return { page: 'progress', code: id, ...rubricId };
  if (first === 'regencies' && id && /^\d{2}\.\d{2}$/.test(id)) return { page: 'regency', code: id };
  if (first === 'submissions' && id && /^\d{1,12}$/.test(id) && version === 'dashboard')
    return { page: 'dashboard', submissionId: Number(id), ...rubricId };
  if (first === 'submissions' && id && /^\d{1,12}$/.test(id) && version === 'self')
    return { page: 'self', submissionId: Number(id), ...rubricId };
  if (first === 'cohort') {
    const filter: CohortFilter = { ...rubricId };
    const province = query.get('province');
    const cohort = query.get('cohort');
    const stage = query.get('stage');
    if (province && /^\d{2}$/.test(province)) filter.provinceCode = province;
    if (cohort && /^\d{4}$/.test(cohort)) filter.cohortYear = Number(cohort);
    if (stage && /^[1-4]$/.test(stage)) filter.stage = Number(stage);
    return { page: 'cohort', filter };
  }
  if (first === 'submissions' && id && /^\d{1,12}$/.test(id) && version === 'panel') {
    const tab = query.get('tab');
    return {
      page: 'panel',
      submissionId: Number(id),
      ...rubricId,
      ...(tab === 'self' || tab === 'history' ? { tab } : {}),
    };
  }
  if (first === 'assessments' && id && /^\d{1,12}$/.test(id)) {
    const criterion = query.get('c');
    return { page: 'assessment', id: Number(id), ...(criterion && /^[A-Za-z0-9._-]{1,40}$/.test(criterion) ? { criterion } : {}) };
  }
  if (first === 'submissions' && id && /^\d{1,12}$/.test(id)) {
    const number = (key: string) => (/^\d{1,9}$/.test(query.get(key) ?? '') ? Number(query.get(key)) : undefined);
    const reader: ReaderPosition = {};
    const document = number('doc');
    const pageNumber = number('p');
    if (document) reader.document = document;
    if (pageNumber) reader.pageNumber = pageNumber;
    if (query.get('q')) reader.query = query.get('q') as string;
    if (query.get('tab') === 'inventory') reader.tab = 'inventory';
    return { page: 'submission', id: Number(id), reader };
  }
  if (first === 'rubrics' && id && /^\d+$/.test(version ?? '')) {
    const rubricMode: RubricMode = mode === 'edit' || mode === 'clone' ? mode : 'view';
    return { page: 'rubric', id, version: Number(version), mode: rubricMode };
  }
  // The bare address is home: the regency registry for an assessor, the planner's own page for a planner.
  if (!first) return { page: 'home' };
  return SIMPLE.includes(first as Page) ? ({ page: first } as Route) : { page: 'regencies' };
}

export function routeHref(route: Route): string {
  if (route.page === 'regency') return `#/regencies/${route.code}`;
  if (route.page === 'submission') {
    const query = new URLSearchParams();
    if (route.reader.document) query.set('doc', String(route.reader.document));
    if (route.reader.pageNumber) query.set('p', String(route.reader.pageNumber));
    if (route.reader.query) query.set('q', route.reader.query);
    if (route.reader.tab === 'inventory') query.set('tab', 'inventory');
    const tail = query.toString();
    return `#/submissions/${route.id}${tail ? `?${tail}` : ''}`;
  }
  if (route.page === 'assessment') return `#/assessments/${route.id}${route.criterion ? `?c=${encodeURIComponent(route.criterion)}` : ''}`;
  if (route.page === 'panel') {
    const query = new URLSearchParams();
    if (route.rubricId) query.set('rubric', route.rubricId);
    if (route.tab && route.tab !== 'panel') query.set('tab', route.tab);
    const tail = query.toString();
    return `#/submissions/${route.submissionId}/panel${tail ? `?${tail}` : ''}`;
  }
  if (route.page === 'dashboard')
    return `#/submissions/${route.submissionId}/dashboard${route.rubricId ? `?rubric=${route.rubricId}` : ''}`;
  if (route.page === 'self') return `#/submissions/${route.submissionId}/self${route.rubricId ? `?rubric=${route.rubricId}` : ''}`;
  if (route.page === 'home') return '#/';
  if (route.page === 'progress') return `#/regencies/${route.code}/progress${route.rubricId ? `?rubric=${route.rubricId}` : ''}`;
  if (route.page === 'cohort') {
    const filter = route.filter ?? {};
    const query = new URLSearchParams();
    if (filter.rubricId) query.set('rubric', filter.rubricId);
    if (filter.provinceCode) query.set('province', filter.provinceCode);
    if (filter.cohortYear) query.set('cohort', String(filter.cohortYear));
    if (filter.stage) query.set('stage', String(filter.stage));
    const tail = query.toString();
    return `#/cohort${tail ? `?${tail}` : ''}`;
  }
  if (route.page === 'rubric') {
    const tail = route.mode === 'view' ? '' : `/${route.mode}`;
    return `#/rubrics/${encodeURIComponent(route.id)}/${route.version}${tail}`;
  }
  return `#/${route.page}`;
}

/** One string per distinct page, for keys and focus management (moving within a reader is not a new page). */
export function routeKey(route: Route): string {
  if (route.page === 'submission') return `#/submissions/${route.id}`;
  if (route.page === 'assessment') return `#/assessments/${route.id}`;
  // Switching a panel's tab is not a new page.
  if (route.page === 'panel') return routeHref({ ...route, tab: 'panel' });
  return routeHref(route);
}

/** Go to a page; `afterSave` leaves an editor without asking, since its work is saved. */
export function navigate(route: Route, options: { afterSave?: boolean } = {}): void {
  if (options.afterSave) guardUnsaved(undefined);
  window.location.hash = routeHref(route);
}

/** Hash routes (#/regencies, #/rubrics/…): they work the same under app:// and in web mode. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    let current = window.location.hash;
    const onChange = () => {
      if (window.location.hash === current) return;
      if (!mayLeave()) {
        // Stay: put the address back without another hashchange.
        window.history.replaceState(null, '', current || '#/');
        return;
      }
      current = window.location.hash;
      setRoute(parseRoute(current));
    };
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

import { useEffect, useState } from 'react';
import { guardUnsaved, mayLeave } from './unsaved.ts';

export type RubricMode = 'view' | 'edit' | 'clone';

export type Route =
  | { page: 'regencies' }
  | { page: 'rubrics' }
  | { page: 'rubric'; id: string; version: number; mode: RubricMode }
  | { page: 'profile' }
  | { page: 'settings' };

export type Page = Route['page'];

const SIMPLE: Page[] = ['regencies', 'rubrics', 'profile', 'settings'];

/** "#/rubrics/masterplan-review/2/edit" → { page: 'rubric', id, version: 2, mode: 'edit' }. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [first = '', id, version, mode] = parts;
  if (first === 'rubrics' && id && /^\d+$/.test(version ?? '')) {
    const rubricMode: RubricMode = mode === 'edit' || mode === 'clone' ? mode : 'view';
    return { page: 'rubric', id, version: Number(version), mode: rubricMode };
  }
  return SIMPLE.includes(first as Page) ? ({ page: first } as Route) : { page: 'regencies' };
}

export function routeHref(route: Route): string {
  if (route.page === 'rubric') {
    const tail = route.mode === 'view' ? '' : `/${route.mode}`;
    return `#/rubrics/${encodeURIComponent(route.id)}/${route.version}${tail}`;
  }
  return `#/${route.page}`;
}

/** One string per distinct page, for keys and focus management. */
export function routeKey(route: Route): string {
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

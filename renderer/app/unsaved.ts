import { i18n } from '../i18n.ts';

/**
 * One page at a time may hold unsaved work (the rubric editor). Leaving it, by a link or
 * by closing the window, asks first; a save leaves without asking.
 */
let hasUnsaved: (() => boolean) | undefined;

export function guardUnsaved(check: (() => boolean) | undefined): void {
  hasUnsaved = check;
}

/** True when the page may be left: nothing unsaved, or the user agreed to drop it. */
export function mayLeave(): boolean {
  if (!hasUnsaved?.()) return true;
  return window.confirm(i18n.t('editor.leaveConfirm'));
}

import type { BrowserWindow, Dialog } from 'electron';
import type { Translate } from '../../../shared/i18n/index.ts';

/**
 * A page with unsaved work cancels its unload (beforeunload); Electron shows no prompt
 * for that by itself, so closing the window would silently do nothing. Ask instead.
 */
export function askBeforeDiscarding(window: BrowserWindow, dialog: Pick<Dialog, 'showMessageBoxSync'>, t: () => Translate): void {
  window.webContents.on('will-prevent-unload', (event) => {
    const translate = t();
    const choice = dialog.showMessageBoxSync(window, {
      type: 'question',
      buttons: [translate('editor.leave'), translate('editor.stay')],
      defaultId: 1,
      cancelId: 1,
      message: translate('editor.leaveConfirm'),
    });
    // preventDefault here means: ignore the page's objection and unload after all.
    if (choice === 0) event.preventDefault();
  });
}

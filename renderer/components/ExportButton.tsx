import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadBase64 } from '../api/files.ts';
import { useNotify } from '../app/notices.tsx';
import { errorText } from '../i18n.ts';

/**
 * A button that makes a file in the app and saves it (a download in web mode, the save
 * dialog's folder on the desktop); while it works it says so, and stays out of the way.
 */
export function ExportButton({
  label,
  busyLabel,
  make,
}: {
  label: string;
  busyLabel: string;
  make(): Promise<{ fileName: string; mimeType: string; contentBase64: string }>;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  async function run() {
    setBusy(true);
    try {
      const file = await make();
      downloadBase64(file.fileName, file.mimeType, file.contentBase64);
      notify(t('reports.saved', { file: file.fileName }));
    } catch (error) {
      notify(errorText(error), 'error');
    } finally {
      setBusy(false);
    }
  }
  return (
    <button type="button" className="button" onClick={() => void run()} disabled={busy} aria-busy={busy}>
      {busy ? busyLabel : label}
    </button>
  );
}

import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProblemData } from '../../../shared/errors.ts';
import { ApiError } from '../../api/client.ts';
import { useChannelMutation } from '../../api/queries.ts';
import { readFileBase64 } from '../../api/files.ts';
import { useNotify } from '../../app/notices.tsx';
import { FileProblems } from '../../components/FileProblems.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { errorText } from '../../i18n.ts';

/** Bring back a score sheet filled offline; a refusal lists every bad cell. */
export function ScoreSheetImport() {
  const { t } = useTranslation();
  const notify = useNotify();
  const input = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<{ text: string; problems: ProblemData[] } | undefined>();
  // The sheet changes scores: every view of assessments, panels and results is refreshed.
  const importSheet = useChannelMutation('reports.importScoresheet', {
    invalidates: ['analytics', 'assessments', 'panels', 'summary', 'portfolio'],
  });

  async function importFile(file: File) {
    try {
      const result = await importSheet.mutateAsync({ fileName: file.name, contentBase64: await readFileBase64(file) });
      notify(
        result.assessments.length === 0
          ? t('reports.unchanged')
          : result.assessments.map((entry) => t('reports.imported', { name: entry.name, count: entry.changed })).join(' '),
      );
    } catch (error) {
      setProblem({
        text: `${t('reports.importFailed', { file: file.name })} ${errorText(error)}`,
        problems: error instanceof ApiError ? (error.data.problems ?? []) : [],
      });
    }
  }

  return (
    <>
      <button type="button" className="button" onClick={() => input.current?.click()}>
        {t('reports.importScoresheet')}
      </button>
      <input
        ref={input}
        type="file"
        hidden
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void importFile(file);
        }}
      />
      <Dialog open={problem !== undefined} title={t('reports.importRefused')} onClose={() => setProblem(undefined)}>
        {problem && <FileProblems text={problem.text} problems={problem.problems} />}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={() => setProblem(undefined)}>
            {t('common.close')}
          </button>
        </div>
      </Dialog>
    </>
  );
}

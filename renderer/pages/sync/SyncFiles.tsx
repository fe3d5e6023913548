import { useId, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput, SyncStatus } from '../../../shared/ipc/contract.ts';
import { readFileBase64 } from '../../api/files.ts';
import { useChannel, useChannelMutation } from '../../api/queries.ts';
import { useNotify } from '../../app/notices.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { FormProblem } from '../../components/FormBits.tsx';
import { RadioGroup } from '../../components/RadioGroup.tsx';
import { errorText, translate } from '../../i18n.ts';
import { problemText } from './problems.ts';

/** Sync files for a field trip without a network: the team's records out to a .timbang-sync file, or in from one. */
export function SyncFiles({ team }: { team: NonNullable<SyncStatus['team']> }) {
  const { t } = useTranslation();
  const id = useId();
  const [scope, setScope] = useState<'all' | 'regency'>('all');
  const registered = useChannel('regencies.list', {});
  const names = new Map((registered.data ?? []).map((regency) => [regency.code, regency.name]));
  // A member with a scope exports within it; the ministry and a team without scopes choose among the registered regencies.
  const codes = team.regencies.length > 0 ? team.regencies : (registered.data ?? []).map((regency) => regency.code);
  const [regency, setRegency] = useState('');
  const chosen = codes.includes(regency) ? regency : (codes[0] ?? '');
  const exportFile = useChannelMutation('sync.export');

  return (
    <section className="card stack" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card-title">
        {t('sync.files.title')}
      </h2>
      <p className="help">{t('sync.files.help')}</p>
      {codes.length > 0 && (
        <RadioGroup
          label={t('sync.files.scope')}
          value={scope}
          options={(['all', 'regency'] as const).map((value) => ({ value, label: t(`sync.files.${value}`) }))}
          onChange={(next) => setScope(next)}
        />
      )}
      {scope === 'regency' && codes.length > 0 && (
        <div className="field">
          <label htmlFor={`${id}-regency`}>{t('sync.files.regencyLabel')}</label>
          <select id={`${id}-regency`} value={chosen} onChange={(event) => setRegency(event.target.value)}>
            {codes.map((code) => (
              <option key={code} value={code}>
                {names.has(code) ? `${code} ${names.get(code)}` : code}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="button-row">
        <ExportButton
          label={t('sync.files.export')}
          busyLabel={t('sync.files.exporting')}
          make={() => exportFile.mutateAsync(scope === 'regency' && chosen ? { regencyCode: chosen } : {})}
        />
        <SyncImportButton />
      </div>
    </section>
  );
}

/** Pick a .timbang-sync file and merge it by the same rules as a sync; refused documents are listed with why. */
export function SyncImportButton() {
  const { t } = useTranslation();
  const notify = useNotify();
  const client = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string | undefined>();
  const [outcome, setOutcome] = useState<ChannelOutput<'sync.import'>>();
  const importFile = useChannelMutation('sync.import');
  const busy = importFile.isPending;

  async function read(file: File) {
    setProblem(undefined);
    setOutcome(undefined);
    try {
      const result = await importFile.mutateAsync({ fileName: file.name, contentBase64: await readFileBase64(file) });
      setOutcome(result);
      notify(t('sync.files.imported', { file: file.name, docs: result.docs, applied: result.applied }));
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      await client.invalidateQueries();
    }
  }

  return (
    <div className="stack-tight">
      <div>
        <button type="button" className="button" onClick={() => input.current?.click()} disabled={busy} aria-busy={busy}>
          {busy ? t('sync.files.importing') : t('sync.files.import')}
        </button>
        <input
          ref={input}
          type="file"
          accept=".timbang-sync"
          hidden
          aria-label={t('sync.files.import')}
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) void read(file);
          }}
        />
      </div>
      <FormProblem text={problem} />
      {outcome && outcome.refused.length > 0 && (
        <div className="notice-inline notice-warning" role="status">
          <p className="help">{t('sync.files.refused')}</p>
          <ul className="plain-list">
            {outcome.refused.map((entry) => (
              <li key={entry.doc}>
                <span className="mono">{entry.doc}</span>: {problemText(translate, entry.problem)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

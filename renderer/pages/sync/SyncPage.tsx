import { useId, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/domain/settings.ts';
import { formatDateTime, formatRelativeTime } from '../../../shared/format/date.ts';
import { contract, type SyncPass, type SyncStatus } from '../../../shared/ipc/contract.ts';
import { parseForm } from '../../api/forms.ts';
import { useChannel, useChannelMutation } from '../../api/queries.ts';
import { useNotify } from '../../app/notices.tsx';
import { ErrorProblem, FormProblem } from '../../components/FormBits.tsx';
import { errorText, translate } from '../../i18n.ts';
import { groupFingerprint, parseJoinLink } from './join-link.ts';
import { problemText } from './problems.ts';
import { SyncFiles, SyncImportButton } from './SyncFiles.tsx';
import { SyncRecords } from './SyncRecords.tsx';
import { connectionState, STATUS_POLL_MS, SYNCING_POLL_MS, useNow, type ConnectionState } from './status.ts';
import styles from './SyncPage.module.css';

/** Sinkronkan: join a team, or see this laptop's team, its hub, what is pending and what did not go in. */
export function SyncPage() {
  const { t } = useTranslation();
  const status = useChannel('sync.status', {}, { refetchInterval: STATUS_POLL_MS });
  const data = status.data;
  return (
    <div className="page">
      <header className="page-header">
        <h1>{t('sync.title')}</h1>
        <p className="page-subtitle">{t('sync.intro')}</p>
      </header>
      <ErrorProblem error={status.error} />
      {data &&
        (data.team ? (
          <>
            <StatusCard status={data} team={data.team} />
            <div className={styles.columns}>
              <OnlineCard status={data} />
              <SyncFiles team={data.team} />
            </div>
          </>
        ) : (
          <div className={styles.columns}>
            <JoinForm />
            <OfflineCard />
          </div>
        ))}
      {data && (data.team || data.refused + data.notApplied + data.waiting > 0) && <SyncRecords status={data} />}
    </div>
  );
}

/** Every read may change after a join or a pass (scores, panels, even the profile's role): refresh them all. */
function useRefreshAll(): () => Promise<void> {
  const client = useQueryClient();
  return () => client.invalidateQueries();
}

function JoinForm() {
  const { t } = useTranslation();
  const id = useId();
  const notify = useNotify();
  const refreshAll = useRefreshAll();
  const [hubUrl, setHubUrl] = useState('');
  const [token, setToken] = useState('');
  const [problems, setProblems] = useState<{ hubUrl?: string; token?: string; server?: string }>({});
  const [filled, setFilled] = useState(false);
  const join = useChannelMutation('sync.join');

  /** A pasted link fills both fields; a bare token or address goes where it was typed. */
  function change(field: 'hubUrl' | 'token', value: string) {
    const link = parseJoinLink(value);
    if (link) {
      setHubUrl(link.hubUrl);
      setToken(link.token);
      setFilled(true);
      setProblems({});
      return;
    }
    setFilled(false);
    if (field === 'hubUrl') setHubUrl(value);
    else setToken(value);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = parseForm(
      contract['sync.join'].input,
      { hubUrl: hubUrl.trim(), token: token.trim() },
      { hubUrl: t('sync.join.hubInvalid'), token: t('sync.join.tokenInvalid') },
    );
    setProblems(parsed.problems);
    if (!parsed.ok) {
      document.getElementById(`${id}-${parsed.field}`)?.focus();
      return;
    }
    try {
      const joined = await join.mutateAsync(parsed.data);
      await refreshAll();
      notify(
        t('sync.join.joined', { hub: joined.team?.hubUrl ?? parsed.data.hubUrl, role: t(`sync.roles.${joined.team?.role ?? 'assessor'}`) }),
      );
    } catch (error) {
      setProblems({ server: errorText(error) });
    }
  }

  const busy = join.isPending;
  return (
    <form className="card stack" onSubmit={(event) => void submit(event)} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card-title">
        {t('sync.join.title')}
      </h2>
      <p className="help">{t('sync.join.help')}</p>
      <div className="field">
        <label htmlFor={`${id}-token`}>{t('sync.join.token')}</label>
        <input
          id={`${id}-token`}
          type="text"
          className={styles.code}
          value={token}
          autoComplete="off"
          spellCheck={false}
          aria-describedby={`${id}-token-help${problems.token ? ` ${id}-token-problem` : ''}`}
          aria-invalid={problems.token ? true : undefined}
          onChange={(event) => change('token', event.target.value)}
        />
        <p id={`${id}-token-help`} className="help">
          {t('sync.join.tokenHelp')}
        </p>
        {problems.token && (
          <p id={`${id}-token-problem`} className="form-problem" role="alert">
            {problems.token}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-hubUrl`}>{t('sync.join.hub')}</label>
        <input
          id={`${id}-hubUrl`}
          type="text"
          inputMode="url"
          className={styles.code}
          value={hubUrl}
          autoComplete="off"
          spellCheck={false}
          placeholder="http://192.168.43.1:8787"
          aria-describedby={`${id}-hub-help${problems.hubUrl ? ` ${id}-hub-problem` : ''}`}
          aria-invalid={problems.hubUrl ? true : undefined}
          onChange={(event) => change('hubUrl', event.target.value)}
        />
        <p id={`${id}-hub-help`} className="help">
          {t('sync.join.hubHelp')}
        </p>
        {problems.hubUrl && (
          <p id={`${id}-hub-problem`} className="form-problem" role="alert">
            {problems.hubUrl}
          </p>
        )}
      </div>
      {filled && (
        <p className="notice-inline" role="status">
          {t('sync.join.filled')}
        </p>
      )}
      <FormProblem text={problems.server} />
      <div>
        <button type="submit" className="button button-primary" disabled={busy} aria-busy={busy}>
          {busy ? t('sync.join.joining') : t('sync.join.submit')}
        </button>
      </div>
    </form>
  );
}

function OfflineCard() {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section className="card stack" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card-title">
        {t('sync.offline.title')}
      </h2>
      <p className="help">{t('sync.offline.help')}</p>
      <SyncImportButton />
    </section>
  );
}

/** Connected, connecting or offline, in words and a shape, never by colour alone. */
export function ConnectionIcon({ state }: { state: ConnectionState }) {
  return (
    <svg className={styles.icon} viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      {state === 'connecting' ? (
        <circle cx="8" cy="8" r="6.2" fill="none" stroke="currentColor" strokeWidth="1.6" strokeDasharray="3 2.4" />
      ) : state === 'connected' ? (
        <>
          <circle cx="8" cy="8" r="7" fill="currentColor" />
          <path d="M4.5 8.2l2.3 2.3 4.7-4.8" fill="none" stroke="#fff" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
        </>
      ) : (
        <>
          <circle cx="8" cy="8" r="6.2" fill="none" stroke="currentColor" strokeWidth="1.6" />
          <path d="M3.8 12.2L12.2 3.8" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
        </>
      )}
    </svg>
  );
}

function StatusCard({ status, team }: { status: SyncStatus; team: NonNullable<SyncStatus['team']> }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const id = useId();
  const notify = useNotify();
  const now = useNow();
  const refreshAll = useRefreshAll();
  const regencies = useChannel('regencies.list', {});
  const names = new Map((regencies.data ?? []).map((regency) => [regency.code, regency.name]));
  const syncNow = useChannelMutation('sync.now');
  const busy = syncNow.isPending || status.syncing;
  // While a pass runs its progress is read more often than the page's status (same query, a second observer).
  useChannel('sync.status', {}, { refetchInterval: busy ? SYNCING_POLL_MS : false });

  async function run() {
    try {
      const pass = await syncNow.mutateAsync({});
      notify(passText(pass));
    } catch (error) {
      notify(errorText(error), 'error');
    } finally {
      await refreshAll();
    }
  }

  const connection = connectionState(status);
  const busyLabel = status.progress
    ? t('sync.status.syncingProgress', { done: status.progress.done, total: status.progress.total })
    : t('sync.status.syncing');

  return (
    <section className="card stack" aria-labelledby={`${id}-title`}>
      <div className={`card-head ${styles.head}`}>
        <h2 id={`${id}-title`} className="card-title">
          {t('sync.status.title')}
        </h2>
        <button type="button" className="button button-primary" onClick={() => void run()} disabled={busy} aria-busy={busy}>
          {busy ? busyLabel : t('sync.status.syncNow')}
        </button>
      </div>
      {busy && status.progress && status.progress.total > 0 && (
        <progress max={status.progress.total} value={status.progress.done} aria-label={busyLabel} />
      )}
      <p className={`${styles.connection} ${styles[connection]}`} data-testid="sync-connection" data-state={connection}>
        <ConnectionIcon state={connection} />
        <span>{t(`sync.status.${connection}`)}</span>
      </p>
      {status.lastError && (
        <p className="notice-inline notice-warning">{t('sync.status.lastError', { message: problemText(translate, status.lastError) })}</p>
      )}
      <dl className={`facts ${styles.facts}`}>
        <dt>{t('sync.status.hub')}</dt>
        <dd className="mono break">{team.hubUrl}</dd>
        <dt>{t('sync.status.fingerprint')}</dt>
        <dd>
          <span className={`mono ${styles.fingerprint}`} data-testid="sync-fingerprint">
            {groupFingerprint(team.fingerprint)}
          </span>
          <span className="help">{t('sync.status.fingerprintHelp')}</span>
        </dd>
        <dt>{t('sync.status.role')}</dt>
        <dd>{t(`sync.roles.${team.role}`)}</dd>
        <dt>{t('sync.status.regencies')}</dt>
        <dd>
          {team.regencies.length === 0
            ? t('sync.status.allRegencies')
            : team.regencies.map((code) => (names.has(code) ? `${code} ${names.get(code)}` : code)).join(', ')}
        </dd>
        <dt>{t('sync.status.lastSync')}</dt>
        <dd data-testid="sync-last">
          {status.lastSyncAt ? (
            <>
              {formatRelativeTime(status.lastSyncAt, now, language)}{' '}
              <span className="muted">({formatDateTime(status.lastSyncAt, language)})</span>
            </>
          ) : (
            t('sync.status.never')
          )}
        </dd>
        <dt>{t('sync.status.pendingLabel')}</dt>
        <dd data-testid="sync-pending">
          {status.pending > 0 ? t('sync.status.pending', { count: status.pending }) : t('sync.status.nothingPending')}
        </dd>
        <dt>{t('sync.status.joinedAt')}</dt>
        <dd>{formatDateTime(team.joinedAt, language)}</dd>
      </dl>
    </section>
  );

  function passText(pass: SyncPass): string {
    const nothingNew = pass.sent === 0 && pass.received === 0 && pass.refused === 0 && pass.converged;
    if (nothingNew) return t('sync.status.upToDate');
    const parts = [t('sync.status.done', pass)];
    if (pass.refused > 0) parts.push(t('sync.status.doneRefused', { count: pass.refused }));
    if (!pass.converged) parts.push(t('sync.status.notConverged'));
    return parts.join(' ');
  }
}

function OnlineCard({ status }: { status: SyncStatus }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section className="card stack" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card-title">
        {t('sync.online.title')}
      </h2>
      {status.online.length > 0 ? (
        <ul className="plain-list">
          {status.online.map((person) => (
            <li key={person.person} className={styles.person}>
              <ConnectionIcon state="connected" />
              <span className="row-name">{person.name}</span>
              <span className="badge">{t(`sync.roles.${person.role}`)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{status.connected ? t('sync.online.none') : t('sync.online.offline')}</p>
      )}
    </section>
  );
}

import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/domain/settings.ts';
import { formatDateTime } from '../../../shared/format/date.ts';
import { formatNumber } from '../../../shared/format/number.ts';
import { submissionLabel } from '../../../shared/i18n/index.ts';
import { SYNC_RECORD_STATES, type ChannelOutput, type SyncStatus } from '../../../shared/ipc/contract.ts';
import { parseSubKey, subKeySchema } from '../../../shared/sync/record.ts';
import { useChannel } from '../../api/queries.ts';
import { ErrorProblem } from '../../components/FormBits.tsx';
import { translate } from '../../i18n.ts';
import { problemText } from './problems.ts';
import { STATUS_POLL_MS } from './status.ts';
import styles from './SyncPage.module.css';

type RecordState = (typeof SYNC_RECORD_STATES)[number];
type RecordRow = ChannelOutput<'sync.records'>[number];

/** The store answers at most this many rows per state, newest first. */
const RECORDS_LIMIT = 500;

/** Ditolak / Tidak diterapkan / Menunggu: the records that did not go in, each with why and where from. */
export function SyncRecords({ status }: { status: SyncStatus }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const id = useId();
  const [state, setState] = useState<RecordState>('refused');
  const counts: Record<RecordState, number> = { refused: status.refused, not_applied: status.notApplied, waiting: status.waiting };
  const records = useChannel('sync.records', { state }, { refetchInterval: STATUS_POLL_MS });
  const rows = records.data;

  return (
    <section className="card stack" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card-title">
        {t('sync.records.title')}
      </h2>
      <div className="tabs" role="tablist" aria-label={t('sync.records.tabs')}>
        {SYNC_RECORD_STATES.map((name) => (
          <button
            key={name}
            id={`${id}-tab-${name}`}
            type="button"
            role="tab"
            aria-selected={state === name}
            aria-controls={`${id}-panel`}
            className="tab"
            onClick={() => setState(name)}
          >
            {t(`sync.records.states.${name}`)}{' '}
            <span className={`${styles.count} ${counts[name] > 0 ? styles.countSome : ''}`}>{formatNumber(counts[name], language, 0)}</span>
          </button>
        ))}
      </div>
      <div id={`${id}-panel`} role="tabpanel" aria-labelledby={`${id}-tab-${state}`} className="stack-tight">
        <p className="help">{t(`sync.records.help.${state}`)}</p>
        <ErrorProblem error={records.error} />
        {rows &&
          (rows.length === 0 ? (
            <p className="empty">{t(`sync.records.empty.${state}`)}</p>
          ) : (
            <div className="table-wrap">
              <table className="table table-compact" data-testid="sync-records">
                <thead>
                  <tr>
                    <th scope="col">{t('sync.records.kind')}</th>
                    <th scope="col">{state === 'refused' ? t('sync.records.claimedAuthor') : t('sync.records.author')}</th>
                    <th scope="col">{t('sync.records.submission')}</th>
                    <th scope="col">{t('sync.records.reason')}</th>
                    <th scope="col">{t('sync.records.source')}</th>
                    <th scope="col">{t('sync.records.time')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <RecordLine key={row.id} row={row} language={language} />
                  ))}
                </tbody>
              </table>
              {rows.length >= RECORDS_LIMIT && <p className="help">{t('sync.records.limit')}</p>}
            </div>
          ))}
      </div>
    </section>
  );
}

function RecordLine({ row, language }: { row: RecordRow; language: Language }) {
  const { t } = useTranslation();
  return (
    <tr data-record={row.id}>
      <td className={styles.nowrap}>{t(`sync.kinds.${row.kind.replace(/\./g, '_')}`, { defaultValue: row.kind })}</td>
      <td>{row.authorName}</td>
      <td className={styles.nowrap}>{row.sub ? subText(row.sub) : t('common.none')}</td>
      <td className={styles.reason}>
        {row.problem ? problemText(translate, row.problem, { lead: t('sync.records.anotherAssessor') }) : t('common.none')}
      </td>
      <td>{originText(row.origin)}</td>
      <td className={styles.nowrap}>{formatDateTime(row.receivedAt, language)}</td>
    </tr>
  );
}

/** '72.01/bimtek3' → "72.01 · Bimtek 3"; anything else as it is. */
function subText(sub: string): string {
  if (!subKeySchema.safeParse(sub).success) return sub;
  const parsed = parseSubKey(sub);
  return `${parsed.regencyCode} · ${submissionLabel(translate, parsed)}`;
}

/** Where a record came from: this laptop, the hub, or a sync file by name. */
function originText(origin: string): string {
  if (origin === 'local') return translate('sync.records.origin.local');
  if (origin === 'hub') return translate('sync.records.origin.hub');
  if (origin.startsWith('file:')) return translate('sync.records.origin.file', { name: origin.slice(5) });
  return origin;
}

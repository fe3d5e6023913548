import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/domain/settings.ts';
import type { TopicCoverage } from '../../../shared/intake/coverage.ts';
import { coverageNote } from '../../../shared/i18n/index.ts';
import { translate } from '../../i18n.ts';
import type { TopicTitle } from '../../api/lexicon.ts';
import { localTitle } from '../text.ts';
import styles from './CoverageStrip.module.css';

interface Props {
  coverage: readonly TopicCoverage[];
  topics: ReadonlyMap<string, TopicTitle>;
  pages: number;
  current: number | undefined;
  onPage(page: number): void;
}

/** Shades by hits relative to the busiest page of the topic; the exact count is in each cell's label. */
function shade(hits: number, most: number): number {
  return hits === 0 ? 0 : Math.min(4, 1 + Math.floor((hits / Math.max(1, most)) * 3.999));
}

/**
 * Where the document treats each dimension (and readiness, quick wins, road map): one row
 * per topic, one cell per page, darker for more keywords; thin and missing topics flagged
 * in words and with a pattern, not by colour alone. Each cell is a button to that page.
 */
export function CoverageStrip({ coverage, topics, pages, current, onPage }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const titleOf = (code: string) => localTitle(topics.get(code)?.title ?? { id: code }, language);
  const rows = coverage.filter((topic) => !topic.parent);
  const flagged = rows.filter((topic) => topic.status !== 'ok');
  return (
    <div className="coverage">
      <p className="help">{t('viewer.coverageHelp')}</p>
      {flagged.length > 0 && (
        <div className={styles.coverageFlagged}>
          <p>
            {t('coverage.flagged', {
              topics: flagged.map((topic) => `${titleOf(topic.code)} (${t(`coverage.status.${topic.status}`)})`).join(', '),
            })}
          </p>
          <ul>
            {flagged.map((topic) => (
              <li key={topic.code} data-flag={topic.code}>
                {coverageNote(translate, topic, titleOf)}
              </li>
            ))}
          </ul>
        </div>
      )}
      <table className={styles.coverageTable}>
        <tbody>
          {rows.map((topic) => {
            const title = localTitle(topics.get(topic.code)?.title ?? { id: topic.code }, language);
            const byPage = new Map(topic.pages.map((entry) => [entry.page, entry.hits]));
            const most = Math.max(0, ...topic.pages.map((entry) => entry.hits));
            return (
              <tr key={topic.code} className={`${styles.coverageRow} is-${topic.status}`} data-topic={topic.code}>
                <th scope="row" className={styles.coverageLabel}>
                  <span>{title}</span>
                  <small className={`${styles.coverageStatus} is-${topic.status}`}>
                    {topic.status !== 'ok'
                      ? t(`coverage.status.${topic.status}`)
                      : topic.structure?.items
                        ? t('coverage.inTables', { count: topic.structure.items })
                        : t('coverage.pagesHits', { pages: topic.pages.length, hits: topic.hits })}
                  </small>
                </th>
                <td className="coverage-cells">
                  <div className={styles.coverageStrip} style={{ gridTemplateColumns: `repeat(${Math.max(1, pages)}, minmax(2px, 1fr))` }}>
                    {Array.from({ length: pages }, (_, index) => index + 1).map((page) => {
                      const hits = byPage.get(page) ?? 0;
                      const shaded = styles[`level-${shade(hits, most)}`] ?? '';
                      return hits > 0 ? (
                        <button
                          key={page}
                          type="button"
                          className={`${styles.coverageCell} ${shaded}${page === current ? ' is-current' : ''}`}
                          aria-label={t('coverage.cell', { topic: title, page, hits })}
                          title={t('coverage.cell', { topic: title, page, hits })}
                          onClick={() => onPage(page)}
                        />
                      ) : (
                        <span
                          key={page}
                          className={`${styles.coverageCell} ${styles.level0}${page === current ? ' is-current' : ''}`}
                          aria-hidden="true"
                        />
                      );
                    })}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

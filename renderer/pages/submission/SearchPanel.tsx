import { useEffect, useId, useState } from 'react';
import { keepPreviousData } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SearchHitData } from '../../../shared/intake/catalog.ts';
import { useChannel } from '../../api/queries.ts';
import { snippetParts } from '../../../shared/intake/search.ts';
import { errorText } from '../../i18n.ts';
import styles from './SearchPanel.module.css';

interface Props {
  submissionId: number;
  initialQuery: string;
  onOpen(hit: SearchHitData, query: string): void;
}

const DEBOUNCE_MS = 250;

/** Full-text search across the submission's documents: every hit with its page and the words around it. */
export function SearchPanel({ submissionId, initialQuery, onOpen }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [query, setQuery] = useState(initialQuery);
  // What is searched: the query once typing pauses.
  const [searched, setSearched] = useState(() => initialQuery.trim());
  useEffect(() => {
    const timer = window.setTimeout(() => setSearched(query.trim()), DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [query]);
  // The hits of the query before stay until those of the new one arrive.
  const search = useChannel(
    'search.pages',
    { query: searched, submissionId, limit: 50 },
    { enabled: searched !== '', placeholderData: keepPreviousData },
  );
  const hits = searched ? search.data : undefined;
  const problem = search.error ? errorText(search.error) : undefined;

  return (
    <section className={`card ${styles.searchPanel}`} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card-title">
        {t('submission.search')}
      </h2>
      <div className="field" role="search">
        <label htmlFor={`${id}-query`} className="visually-hidden">
          {t('submission.search')}
        </label>
        <input
          id={`${id}-query`}
          type="search"
          value={query}
          placeholder={t('submission.searchPlaceholder')}
          onChange={(event) => setQuery(event.target.value)}
        />
      </div>
      {problem && (
        <p className="form-problem" role="alert">
          {problem}
        </p>
      )}
      {hits && (
        <>
          <p className="muted" role="status">
            {hits.length ? t('submission.searchResults', { count: hits.length }) : t('submission.noResults', { query: query.trim() })}
          </p>
          <ol className={styles.hitList}>
            {hits.map((hit) => (
              <li key={`${hit.documentId}-${hit.page}`}>
                <button type="button" className={styles.hit} onClick={() => onOpen(hit, query.trim())}>
                  <span className={styles.hitWhere}>
                    {hit.fileName} ·{' '}
                    {t(hit.kind === 'pdf' ? 'documents.pageLabel' : 'documents.sectionLabel', {
                      page: hit.kind === 'pdf' ? hit.page : hit.label,
                    })}
                  </span>
                  <span className={styles.hitSnippet}>
                    {snippetParts(hit.snippet.replace(/\s+/g, ' ')).map((part, index) =>
                      part.match ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>,
                    )}
                  </span>
                </button>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

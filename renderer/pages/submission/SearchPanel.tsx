import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchHitData } from '../../../shared/intake/catalog.ts';
import { snippetParts } from '../../../shared/intake/search.ts';
import { call } from '../../api/client.ts';
import { errorText } from '../../i18n.ts';

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
  const [hits, setHits] = useState<SearchHitData[] | undefined>();
  const [problem, setProblem] = useState<string | undefined>();

  useEffect(() => {
    const trimmed = query.trim();
    const timer = window.setTimeout(() => {
      if (!trimmed) {
        setHits(undefined);
        return;
      }
      call('search.pages', { query: trimmed, submissionId, limit: 50 }).then(
        (found) => {
          setHits(found);
          setProblem(undefined);
        },
        (error: unknown) => setProblem(errorText(error)),
      );
    }, DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [query, submissionId]);

  return (
    <section className="card search-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card-title">{t('submission.search')}</h2>
      <div className="field" role="search">
        <label htmlFor={`${id}-query`} className="visually-hidden">{t('submission.search')}</label>
        <input id={`${id}-query`} type="search" value={query} placeholder={t('submission.searchPlaceholder')}
          onChange={(event) => setQuery(event.target.value)} />
      </div>
      {problem && <p className="form-problem" role="alert">{problem}</p>}
      {hits && (
        <>
          <p className="muted" role="status">
            {hits.length ? t('submission.searchResults', { count: hits.length }) : t('submission.noResults', { query: query.trim() })}
          </p>
          <ol className="hit-list">
            {hits.map((hit) => (
              <li key={`${hit.documentId}-${hit.page}`}>
                <button type="button" className="hit" onClick={() => onOpen(hit, query.trim())}>
                  <span className="hit-where">
                    {hit.fileName} · {t(hit.kind === 'pdf' ? 'documents.pageLabel' : 'documents.sectionLabel', { page: hit.kind === 'pdf' ? hit.page : hit.label })}
                  </span>
                  <span className="hit-snippet">
                    {snippetParts(hit.snippet.replace(/\s+/g, ' ')).map((part, index) => (part.match ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>))}
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

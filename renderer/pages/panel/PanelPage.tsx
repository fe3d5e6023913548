import { useId } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PanelView } from '../../../shared/assessment/catalog.ts';
import { personLabels } from '../../../shared/assessment/people.ts';
import type { Language } from '../../../shared/domain/settings.ts';
import { formatNumber, formatPercent, formatGap } from '../../../shared/format/number.ts';
import { submissionLabel } from '../../../shared/i18n/index.ts';
import { channelKey, invalidateChannels, useChannel, useChannelMutation } from '../../api/queries.ts';
import { useNotify } from '../../app/notices.tsx';
import { navigate, routeHref, type PanelTab } from '../../app/routes.ts';
import { useWorkspace } from '../../app/workspace-context.tsx';
import { ErrorProblem } from '../../components/FormBits.tsx';
import { errorText, translate } from '../../i18n.ts';
import { HistoryList } from '../../components/HistoryList.tsx';
import { gapClass, localTitle } from '../../components/text.ts';
import { PanelTable } from './PanelTable.tsx';
import { SelfComparison } from './SelfComparison.tsx';
import styles from './PanelPage.module.css';

/**
 * A submission's panel: the assessors and their progress, the panel result (agreed scores
 * where the lead set them, else the median), disagreements to reconcile, agreement between
 * assessors, the self-assessment against the panel, and the audit trail.
 */
export function PanelPage({
  submissionId,
  rubricId,
  tab = 'panel',
}: {
  submissionId: number;
  rubricId: string | undefined;
  tab: PanelTab | undefined;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const id = useId();
  const notify = useNotify();
  const client = useQueryClient();
  const { profile } = useWorkspace();
  const panelInput = { submissionId, ...(rubricId ? { rubricId } : {}) };
  const panel = useChannel('panels.get', panelInput);
  const submissionQuery = useChannel('submissions.get', { id: submissionId }, { select: (detail) => detail.submission });
  const view = panel.data;
  const submission = submissionQuery.data;
  // The audit trail is read again whenever the panel is.
  const revision = panel.dataUpdatedAt;
  const leadTaking = useChannelMutation('panels.takeLead');

  /** The panel as a change made here left it: shown at once; the results built on it are read again. */
  function changed(next: PanelView) {
    client.setQueryData(channelKey('panels.get', panelInput), next);
    void invalidateChannels(client, ['assessments', 'analytics', 'summary', 'portfolio']);
  }

  async function takeLead() {
    if (!view) return;
    try {
      changed(await leadTaking.mutateAsync({ submissionId, rubricId: view.rubricId }));
      notify(t('panel.youLead'));
    } catch (error) {
      notify(errorText(error), 'error');
    }
  }

  const problem = panel.error ?? submissionQuery.error;
  if (problem)
    return (
      <div className="page">
        <ErrorProblem error={problem} />
      </div>
    );
  if (!view || !submission) return <p className="muted">{t('app.loading')}</p>;
  const label = `${submission.regencyName} · ${submissionLabel(translate, submission)}`;
  const isMember = view.members.some((member) => member.mine);
  const labels = personLabels([
    ...view.members.map((member) => ({ id: member.assessorId, name: member.assessorName })),
    ...(view.lead ? [view.lead] : []),
  ]);
  // A regional planner is never a panel member: who leads the panel is the panel's business, not a task of theirs.
  const plannerOutside = profile?.role === 'regional_planner' && !isMember;
  const go = (next: PanelTab) => navigate({ page: 'panel', submissionId, rubricId: view.rubricId, tab: next });
  const reading = view.agreement.reading;

  return (
    <div className="page page-wide">
      <header className="page-header">
        <p className="breadcrumb">
          <a href={routeHref({ page: 'regency', code: submission.regencyCode })}>{submission.regencyName}</a> ›{' '}
          <a href={routeHref({ page: 'submission', id: submissionId, reader: {} })}>{submissionLabel(translate, submission)}</a> ›{' '}
          <a href={routeHref({ page: 'dashboard', submissionId, rubricId: view.rubricId })}>{t('assessment.openDashboard')}</a>
        </p>
        <h1>{t('panel.heading', { label })}</h1>
        <p className="muted">
          {localTitle(view.rubricName, language)} v{view.rubricVersion}
          {view.otherRubrics.map((other) => (
            <span key={other.id}>
              {' · '}
              <a href={routeHref({ page: 'panel', submissionId, rubricId: other.id })}>
                {t('panel.switchRubric', { name: localTitle(other.name, language) })}
              </a>
            </span>
          ))}
        </p>
      </header>

      <div className={styles.panelTop}>
        <section className="card" aria-labelledby={`${id}-members`}>
          <h2 id={`${id}-members`} className="card-title">
            {t('panel.members')}
          </h2>
          {view.members.length === 0 ? (
            <p className="muted">{t('panel.noMembers')}</p>
          ) : (
            <ul className="member-list">
              {view.members.map((member) => (
                <li key={member.assessmentId}>
                  <a href={routeHref({ page: 'assessment', id: member.assessmentId })}>
                    {labels.get(member.assessorId) ?? member.assessorName}
                  </a>
                  {member.institution && <span className="muted"> · {member.institution}</span>}{' '}
                  <span className={`badge status-${member.status}`}>{t(`assessment.status.${member.status}`)}</span>
                  {!member.counted && (
                    <span className="muted"> · {t(member.status === 'draft' ? 'panel.notCountedDraft' : 'panel.notCountedVersion')}</span>
                  )}
                  {view.lead?.id === member.assessorId && <span className="badge badge-lead"> {t('panel.lead')}</span>}
                </li>
              ))}
            </ul>
          )}
          {(view.lead || !plannerOutside) && (
            <p>
              {view.lead ? t('panel.leadIs', { name: labels.get(view.lead.id) ?? view.lead.name }) : t('panel.noLead')}{' '}
              {!view.lead && isMember && (
                <button type="button" className="button button-small" onClick={() => void takeLead()}>
                  {t('panel.takeLead')}
                </button>
              )}
            </p>
          )}
        </section>

        <section className="card" aria-labelledby={`${id}-result`}>
          <h2 id={`${id}-result`} className="card-title">
            {t('panel.result')}
          </h2>
          {view.hidden ? (
            <p className="notice-inline">{t('panel.hidden')}</p>
          ) : (
            <>
              <dl className="score-figures">
                <div>
                  <dt>{t('scoring.overall')}</dt>
                  <dd className="figure-big" data-testid="panel-overall">
                    {view.overall.percent === null ? '–' : formatPercent(view.overall.percent, language)}
                  </dd>
                </div>
                <div>
                  <dt>{t('scoring.gap', { passMark: formatPercent(view.overall.passMark, language, 0) })}</dt>
                  <dd className={gapClass(view.overall.gap)}>{formatGap(view.overall.gap, language)}</dd>
                </div>
                <div>
                  <dt>{t('panel.disagreements')}</dt>
                  <dd>{formatNumber(view.disagreements, language, 0)}</dd>
                </div>
                {view.overall.band && (
                  <div>
                    <dt>{t('scoring.band')}</dt>
                    <dd>{localTitle(view.overall.band, language)}</dd>
                  </div>
                )}
              </dl>
              <p className="help">{t(`panel.aggregateRule.${view.aggregate}`, { tolerance: formatNumber(view.tolerance, language, 0) })}</p>
              <p className={`${styles.alpha} ${styles[`alpha-${reading}`] ?? ''}`}>
                <strong>{t('panel.alpha')}</strong> {view.agreement.alpha === null ? '–' : formatNumber(view.agreement.alpha, language, 3)}{' '}
                — {t(`panel.alphaReading.${reading}`, { units: view.agreement.units, raters: view.agreement.raters })}
              </p>
            </>
          )}
        </section>
      </div>

      <div className="tabs" role="tablist" aria-label={t('panel.title')}>
        {(['panel', 'self', 'history'] as const).map((name) => (
          <button key={name} type="button" role="tab" aria-selected={tab === name} className="tab" onClick={() => go(name)}>
            {t(`panel.tabs.${name}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel">
        {tab === 'panel' && <PanelTable view={view} onChanged={changed} />}
        {tab === 'self' && (
          <>
            <p>
              <a href={routeHref({ page: 'self', submissionId, rubricId: view.rubricId })}>{t('planner.self.panelPage')}</a>
            </p>
            <SelfComparison view={view} />
          </>
        )}
        {tab === 'history' && (
          <section className="card">
            <HistoryList filter={{ submissionId }} revision={revision} showWho />
          </section>
        )}
      </div>
    </div>
  );
}

import { lazy, Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../../shared/domain/settings.ts';
import { ProfilePage } from '../pages/profile/ProfilePage.tsx';
import { RegenciesPage } from '../pages/regencies/RegenciesPage.tsx';
import { RegencyPage } from '../pages/regency/RegencyPage.tsx';
import { SubmissionPage } from '../pages/submission/SubmissionPage.tsx';
import { RubricPage } from '../pages/rubrics/RubricPage.tsx';
import { RubricsPage } from '../pages/rubrics/RubricsPage.tsx';
import { SettingsPage } from '../pages/settings/SettingsPage.tsx';
import { PortfolioPage } from '../pages/assessments/PortfolioPage.tsx';
import { SyncIndicator } from '../pages/sync/SyncIndicator.tsx';
import { Logo } from '../components/Logo.tsx';
import { useNotify } from './notices.tsx';
import { routeHref, routeKey, useRoute, type Page, type Route } from './routes.ts';
import { useWorkspace } from './workspace-context.tsx';
import { applyLanguage, errorText } from '../i18n.ts';
import { DemoBanner, useNoticeAfterReload } from './workspace-move.tsx';

const ScoringPage = lazy(() => import('../pages/assessment/ScoringPage.tsx').then((module) => ({ default: module.ScoringPage })));
const PanelPage = lazy(() => import('../pages/panel/PanelPage.tsx').then((module) => ({ default: module.PanelPage })));
const DashboardPage = lazy(() => import('../pages/dashboard/DashboardPage.tsx').then((module) => ({ default: module.DashboardPage })));
const ProgressPage = lazy(() => import('../pages/progress/ProgressPage.tsx').then((module) => ({ default: module.ProgressPage })));
const CohortPage = lazy(() => import('../pages/cohort/CohortPage.tsx').then((module) => ({ default: module.CohortPage })));
const SyncPage = lazy(() => import('../pages/sync/SyncPage.tsx').then((module) => ({ default: module.SyncPage })));
const PlannerHome = lazy(() => import('../pages/planner/PlannerHome.tsx').then((module) => ({ default: module.PlannerHome })));
const SelfPage = lazy(() => import('../pages/planner/SelfPage.tsx').then((module) => ({ default: module.SelfPage })));
const NAV: { page: Page; label: string }[] = [
  { page: 'regencies', label: 'nav.regencies' },
  { page: 'assessments', label: 'nav.assessments' },
  { page: 'cohort', label: 'nav.cohort' },
  { page: 'rubrics', label: 'nav.rubrics' },
  { page: 'sync', label: 'sync.nav' },
  { page: 'profile', label: 'nav.profile' },
  { page: 'settings', label: 'nav.settings' },
];
/** A regional planner starts from their own page, and their assessments are self-assessments. */
const PLANNER_NAV: { page: Page; label: string }[] = [
  { page: 'home', label: 'planner.nav.home' },
  ...NAV.map((item) => (item.page === 'assessments' ? { ...item, label: 'planner.nav.assessments' } : item)),
];

/**
 * The ministry's read-only view: the pages that read the team's results. Not "my assessments" (the
 * hub is nobody's laptop), the profile, the settings or sync.
 */
const READ_ONLY_NAV = NAV.filter((item) => ['regencies', 'cohort', 'rubrics'].includes(item.page));
/** A laptop's own pages (its person, its settings, its team, its assessments): the hub's read-only view has none of them. */
const LAPTOP_ONLY_PAGES: readonly Route['page'][] = ['assessments', 'profile', 'settings', 'sync'];

/** The navigation entry a page belongs to: a rubric belongs to Rubrics, a regency and its submissions to Regencies. */
const section = (route: Route, planner: boolean): Page => {
  if (route.page === 'rubric') return 'rubrics';
  if (route.page === 'assessment') return 'assessments';
  if (route.page === 'home') return planner ? 'home' : 'regencies';
  if (route.page === 'self') return planner ? 'home' : 'regencies';
  if (['regency', 'submission', 'panel', 'dashboard', 'progress'].includes(route.page)) return 'regencies';
  return route.page;
};

export function App() {
  const { t } = useTranslation();
  const route = useRoute();
  const key = routeKey(route);
  const { info, profile } = useWorkspace();
  const readOnly = info.readOnly;
  const planner = !readOnly && profile?.role === 'regional_planner';
  const nav = readOnly ? READ_ONLY_NAV : planner ? PLANNER_NAV : NAV;
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  useNoticeAfterReload();

  useEffect(() => {
    document.body.dataset.ready = 'true';
  }, []);

  // Moving between pages puts focus on the new page's content, as a page load would.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [key]);

  return (
    <div className="shell">
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          mainRef.current?.focus();
        }}
      >
        {t('app.skipToContent')}
      </a>
      <aside className="sidebar">
        <div className="brand">
          <Logo />
          <div>
            <div className="brand-name">{t('app.name')}</div>
            <div className="brand-tagline">{t('app.tagline')}</div>
          </div>
        </div>
        <nav aria-label={t('app.mainNavigation')}>
          <ul className="nav-list">
            {nav.map((item) => (
              <li key={item.page}>
                <a
                  href={routeHref({ page: item.page } as Route)}
                  className="nav-link"
                  aria-current={section(route, planner) === item.page ? 'page' : undefined}
                >
                  {t(item.label)}
                  {item.page === 'sync' && <SyncIndicator />}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="sidebar-foot">
          {profile && !readOnly && <div className="signed-as">{t('profile.signedAs', { name: profile.name })}</div>}
          <div className="mode-badge">
            {info.mode === 'hub' ? t('app.hubMode') : info.mode === 'web' ? t('app.webMode') : t('app.desktopMode')}
          </div>
        </div>
      </aside>
      <div className="content">
        {readOnly ? <ReadOnlyBanner /> : <DemoBanner />}
        <header className="topbar">
          <LanguageSwitch />
        </header>
        <main id="main" ref={mainRef} tabIndex={-1} className="main">
          <Suspense fallback={<p className="muted">{t('app.loading')}</p>}>
            {readOnly && LAPTOP_ONLY_PAGES.includes(route.page) ? (
              <NotInReadOnlyView />
            ) : (
              <Pages route={route} routeKey={key} planner={planner} />
            )}
          </Suspense>
        </main>
      </div>
    </div>
  );
}

function Pages({ route, routeKey: key, planner }: { route: Route; routeKey: string; planner: boolean }) {
  return (
    <>
      {route.page === 'home' && (planner ? <PlannerHome /> : <RegenciesPage />)}
      {route.page === 'regencies' && <RegenciesPage />}
      {route.page === 'regency' && <RegencyPage key={key} code={route.code} />}
      {route.page === 'submission' && <SubmissionPage key={key} id={route.id} reader={route.reader} />}
      {route.page === 'assessments' && <PortfolioPage />}
      {route.page === 'assessment' && <ScoringPage key={key} id={route.id} criterion={route.criterion} />}
      {route.page === 'panel' && <PanelPage key={key} submissionId={route.submissionId} rubricId={route.rubricId} tab={route.tab} />}
      {route.page === 'dashboard' && <DashboardPage key={key} submissionId={route.submissionId} rubricId={route.rubricId} />}
      {route.page === 'self' && <SelfPage key={key} submissionId={route.submissionId} rubricId={route.rubricId} />}
      {route.page === 'progress' && <ProgressPage key={key} code={route.code} rubricId={route.rubricId} />}
      {route.page === 'cohort' && <CohortPage key={key} filter={route.filter ?? {}} />}
      {route.page === 'rubrics' && <RubricsPage />}
      {route.page === 'rubric' && <RubricPage key={key} route={route} />}
      {route.page === 'profile' && <ProfilePage />}
      {route.page === 'settings' && <SettingsPage />}
      {route.page === 'sync' && <SyncPage />}
    </>
  );
}

/** A laptop's page asked for by its address in the ministry's view: said so, with the way back. */
function NotInReadOnlyView() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <header className="page-header">
        <h1>{t('app.readOnly.unavailableTitle')}</h1>
        <p className="muted">{t('app.readOnly.unavailableBody')}</p>
      </header>
      <p>
        <a href={routeHref({ page: 'cohort' })}>{t('app.readOnly.toCohort')}</a>
      </p>
    </div>
  );
}

/** Said on every page of the ministry's view, so nobody looks for a save button. */
function ReadOnlyBanner() {
  const { t } = useTranslation();
  return (
    <div className="read-only-banner" role="note">
      <strong>{t('app.readOnly.title')}</strong> <span>{t('app.readOnly.body')}</span>
    </div>
  );
}

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const { settings, saveSettings, info } = useWorkspace();
  const notify = useNotify();
  const current = info.readOnly ? (i18n.language as Language) : settings.language;

  async function choose(language: Language) {
    if (language === current) return;
    // The hub's settings are not the ministry reader's to change: the language is this tab's only.
    if (info.readOnly) {
      applyLanguage(language);
      return;
    }
    try {
      await saveSettings({ language });
    } catch (error) {
      notify(errorText(error), 'error');
    }
  }

  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          className="segment"
          aria-pressed={current === language}
          onClick={() => void choose(language)}
        >
          {t(`language.${language}`)}
        </button>
      ))}
    </div>
  );
}

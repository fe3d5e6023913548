import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language, type Settings, type SettingsPatch } from '../../../shared/domain/settings.ts';
import { contract } from '../../../shared/ipc/contract.ts';
import { parseForm } from '../../api/forms.ts';
import { formatNumber, formatPercent, parseLocaleNumber } from '../../../shared/format/number.ts';
import { useNotify } from '../../app/notices.tsx';
import { useWorkspace } from '../../app/workspace-context.tsx';
import { RadioGroup } from '../../components/RadioGroup.tsx';
import { errorText } from '../../i18n.ts';
import { FormProblem, SaveButton } from '../../components/FormBits.tsx';
import { useChannel } from '../../api/queries.ts';
import { Backups } from './Backups.tsx';
import { MoveWorkspace } from './MoveWorkspace.tsx';

/** Saving part of the settings from a form: busy while it saves, the problem to show, a notice once saved. */
function useSettingsSave() {
  const { t } = useTranslation();
  const notify = useNotify();
  const { saveSettings } = useWorkspace();
  const [problem, setProblem] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  async function save(patch: SettingsPatch, then: (saved: Settings) => void): Promise<void> {
    setBusy(true);
    try {
      then(await saveSettings(patch));
      notify(t('settings.saved'));
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setBusy(false);
    }
  }
  return { problem, setProblem, busy, save };
}

/** The hub whose settings record sets the panel rules here, while one does (docs/sync.md §2); null otherwise. */
function useTeamRules() {
  return useChannel('settings.team', {}).data ?? null;
}

/** The line that says the panel rules are the team's, for the fields it describes. */
function TeamManaged({ id, team }: { id: string; team: { url: string; fingerprint: string } }) {
  const { t } = useTranslation();
  return (
    <p id={id} className="help" data-testid="team-managed">
      {t('settings.teamManaged', { hub: team.url || team.fingerprint, fingerprint: team.fingerprint })}
    </p>
  );
}

/** The pass mark, the interface language, and where this workspace keeps its data. */
export function SettingsPage() {
  const { t } = useTranslation();
  const id = useId();
  const notify = useNotify();
  const { settings, saveSettings, info } = useWorkspace();
  const team = useTeamRules();
  const language = settings.language;
  const [passMark, setPassMark] = useState(() => formatNumber(settings.passMark, language, 2));
  const [maxUpload, setMaxUpload] = useState(() => String(settings.maxUploadMb));
  const [ocr, setOcr] = useState(settings.ocr);
  const { problem, setProblem, busy, save } = useSettingsSave();
  const [uploadProblem, setUploadProblem] = useState<string | undefined>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    // A number that does not parse is no number: NaN fails the schema, as an empty field must.
    const parsed = parseForm(
      contract['settings.save'].input,
      {
        // The team's pass mark is not this laptop's to save.
        ...(team ? {} : { passMark: parseLocaleNumber(passMark, language) ?? Number.NaN }),
        maxUploadMb: parseLocaleNumber(maxUpload, language) ?? Number.NaN,
        ocr,
      },
      { passMark: t('settings.passMarkInvalid'), maxUploadMb: t('settings.maxUploadInvalid') },
    );
    setProblem(parsed.problems.passMark);
    setUploadProblem(parsed.problems.maxUploadMb);
    if (!parsed.ok) return;
    await save(parsed.data, (saved) => {
      setPassMark(formatNumber(saved.passMark, saved.language, 2));
      setMaxUpload(String(saved.maxUploadMb));
    });
  }

  async function chooseLanguage(next: Language) {
    try {
      const saved = await saveSettings({ language: next });
      setPassMark(formatNumber(saved.passMark, saved.language, 2));
    } catch (error) {
      notify(errorText(error), 'error');
    }
  }

  return (
    <div className="page page-narrow">
      <header className="page-header">
        <h1>{t('settings.title')}</h1>
      </header>
      <form className="card stack" onSubmit={(event) => void submit(event)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-pass`}>{t('settings.passMark')}</label>
          <div className="input-suffix">
            <input
              id={`${id}-pass`}
              type="text"
              inputMode="decimal"
              value={team ? formatNumber(settings.passMark, language, 2) : passMark}
              disabled={team !== null}
              className="input-short"
              aria-describedby={team ? `${id}-pass-help ${id}-pass-team` : `${id}-pass-help`}
              aria-invalid={problem ? true : undefined}
              onChange={(event) => setPassMark(event.target.value)}
            />
            <span aria-hidden="true">%</span>
          </div>
          <p id={`${id}-pass-help`} className="help">
            {t('settings.passMarkHelp')} {t('settings.passMarkNow', { value: formatPercent(settings.passMark, language, 2) })}
          </p>
          {team && <TeamManaged id={`${id}-pass-team`} team={team} />}
        </div>
        <FormProblem text={problem} />
        <div className="field">
          <label htmlFor={`${id}-upload`}>{t('settings.maxUpload')}</label>
          <div className="input-suffix">
            <input
              id={`${id}-upload`}
              type="text"
              inputMode="numeric"
              value={maxUpload}
              className="input-short"
              aria-describedby={`${id}-upload-help`}
              aria-invalid={uploadProblem ? true : undefined}
              onChange={(event) => setMaxUpload(event.target.value)}
            />
            <span aria-hidden="true">MB</span>
          </div>
          <p id={`${id}-upload-help`} className="help">
            {t('settings.maxUploadHelp')}
          </p>
        </div>
        <FormProblem text={uploadProblem} />
        <div className="field">
          <label className="checkbox">
            <input type="checkbox" checked={ocr} aria-describedby={`${id}-ocr-help`} onChange={(event) => setOcr(event.target.checked)} />
            {t('settings.ocr')}
          </label>
          <p id={`${id}-ocr-help`} className="help">
            {t('settings.ocrHelp')}
          </p>
        </div>
        <div>
          <SaveButton busy={busy} />
        </div>
      </form>

      <PanelSettings />
      <LetterSettings />

      <Backups />

      <MoveWorkspace />

      <section className="card" aria-labelledby={`${id}-language`}>
        <h2 id={`${id}-language`} className="card-title">
          {t('settings.language')}
        </h2>
        <RadioGroup
          labelledBy={`${id}-language`}
          value={language}
          options={LANGUAGES.map((value) => ({ value, label: t(`language.${value}`), lang: value }))}
          onChange={(next) => void chooseLanguage(next)}
        />
      </section>

      <section className="card" aria-labelledby={`${id}-ws`}>
        <h2 id={`${id}-ws`} className="card-title">
          {t('settings.workspace')}
        </h2>
        <dl className="facts">
          <dt>{t('settings.dataDir')}</dt>
          <dd className="mono">{info.dataDir}</dd>
          <dt>{t('settings.databasePath')}</dt>
          <dd className="mono">{info.databasePath}</dd>
          <dt>{t('settings.schemaVersion')}</dt>
          <dd>{info.schemaVersion}</dd>
          <dt>{t('settings.appVersion')}</dt>
          <dd>{info.appVersion}</dd>
          <dt>{t('settings.mode')}</dt>
          <dd>{info.mode === 'web' ? t('app.webMode') : t('app.desktopMode')}</dd>
        </dl>
      </section>
    </div>
  );
}

/** How panels work: whether others' scores stay hidden until you submit, when scores disagree, how the panel result is formed. */
function PanelSettings() {
  const { t } = useTranslation();
  const id = useId();
  const { settings } = useWorkspace();
  const team = useTeamRules();
  const language = settings.language;
  const [hide, setHide] = useState(settings.hideOthersUntilSubmitted);
  const [tolerance, setTolerance] = useState(() => formatNumber(settings.disagreementTolerance, language, 2));
  const [aggregate, setAggregate] = useState(settings.panelAggregate);
  const { problem, setProblem, busy, save } = useSettingsSave();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = parseForm(
      contract['settings.save'].input,
      {
        hideOthersUntilSubmitted: hide,
        disagreementTolerance: parseLocaleNumber(tolerance, language) ?? Number.NaN,
        panelAggregate: aggregate,
      },
      { disagreementTolerance: t('settings.toleranceInvalid') },
    );
    if (!parsed.ok) {
      setProblem(parsed.problem);
      return;
    }
    setProblem(undefined);
    await save(parsed.data, (saved) => setTolerance(formatNumber(saved.disagreementTolerance, saved.language, 2)));
  }

  return (
    <form className="card stack" onSubmit={(event) => void submit(event)} noValidate aria-labelledby={`${id}-panel`}>
      <h2 id={`${id}-panel`} className="card-title">
        {t('settings.panel')}
      </h2>
      {team && <TeamManaged id={`${id}-team`} team={team} />}
      <label className="checkbox">
        <input
          type="checkbox"
          checked={team ? settings.hideOthersUntilSubmitted : hide}
          disabled={team !== null}
          aria-describedby={team ? `${id}-team` : undefined}
          onChange={(event) => setHide(event.target.checked)}
        />
        {t('settings.hideOthers')}
      </label>
      <div className="field">
        <label htmlFor={`${id}-tolerance`}>{t('settings.tolerance')}</label>
        <div className="input-suffix">
          <input
            id={`${id}-tolerance`}
            type="text"
            inputMode="decimal"
            className="input-short"
            value={team ? formatNumber(settings.disagreementTolerance, language, 2) : tolerance}
            disabled={team !== null}
            aria-describedby={team ? `${id}-tolerance-help ${id}-team` : `${id}-tolerance-help`}
            aria-invalid={problem ? true : undefined}
            onChange={(event) => setTolerance(event.target.value)}
          />
          <span aria-hidden="true">{t('settings.points')}</span>
        </div>
        <p id={`${id}-tolerance-help`} className="help">
          {t('settings.toleranceHelp')}
        </p>
      </div>
      <RadioGroup
        label={t('settings.aggregate')}
        value={team ? settings.panelAggregate : aggregate}
        disabled={team !== null}
        options={(['median', 'mean'] as const).map((value) => ({ value, label: t(`settings.aggregates.${value}`) }))}
        onChange={(next) => setAggregate(next as typeof aggregate)}
      />
      <FormProblem text={problem} />
      {!team && (
        <div>
          <SaveButton busy={busy} label={t('settings.savePanel')} />
        </div>
      )}
    </form>
  );
}

/** The result letter: the ministry it is written on behalf of (Komdigi now; users still say Kominfo). */
function LetterSettings() {
  const { t } = useTranslation();
  const id = useId();
  const { settings } = useWorkspace();
  const [ministry, setMinistry] = useState(settings.ministry);
  const { problem, setProblem, busy, save } = useSettingsSave();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = parseForm(contract['settings.save'].input, { ministry }, { ministry: t('letter.ministryInvalid') });
    if (!parsed.ok) {
      setProblem(parsed.problem);
      return;
    }
    setProblem(undefined);
    await save(parsed.data, (saved) => setMinistry(saved.ministry));
  }

  return (
    <form className="card stack" onSubmit={(event) => void submit(event)} noValidate aria-labelledby={`${id}-letter`}>
      <h2 id={`${id}-letter`} className="card-title">
        {t('letter.settings')}
      </h2>
      <div className="field">
        <label htmlFor={`${id}-ministry`}>{t('letter.ministry')}</label>
        <input
          id={`${id}-ministry`}
          type="text"
          value={ministry}
          maxLength={200}
          aria-describedby={`${id}-ministry-help`}
          aria-invalid={problem ? true : undefined}
          onChange={(event) => setMinistry(event.target.value)}
        />
        <p id={`${id}-ministry-help`} className="help">
          {t('letter.ministryHelp')}
        </p>
      </div>
      <FormProblem text={problem} />
      <div>
        <SaveButton busy={busy} label={t('letter.save')} />
      </div>
    </form>
  );
}

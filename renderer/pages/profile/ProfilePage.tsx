import { useId, useState, type FormEvent } from 'react';
import { shortId } from '../../../shared/assessment/people.ts';
import { useTranslation } from 'react-i18next';
import { PROFILE_ROLES, type ProfileRole } from '../../../shared/domain/profile.ts';
import { contract } from '../../../shared/ipc/contract.ts';
import { parseForm } from '../../api/forms.ts';
import { useNotify } from '../../app/notices.tsx';
import { useWorkspace } from '../../app/workspace-context.tsx';
import { RadioGroup } from '../../components/RadioGroup.tsx';
import { errorText } from '../../i18n.ts';
import { FormProblem, SaveButton } from '../../components/FormBits.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { call } from '../../api/client.ts';
import { useChannel } from '../../api/queries.ts';

/** Name, institution and role: the stamp on every change made in this workspace. */
export function ProfilePage() {
  const { t } = useTranslation();
  const id = useId();
  const notify = useNotify();
  const { profile, saveProfile, profileChanged } = useWorkspace();
  const people = useChannel('profile.people', {});
  const [asking, setAsking] = useState(false);
  const [name, setName] = useState(profile?.name ?? '');
  const [institution, setInstitution] = useState(profile?.institution ?? '');
  const [role, setRole] = useState<ProfileRole>(profile?.role ?? 'assessor');
  const [regencyCode, setRegencyCode] = useState(profile?.regencyCode ?? '');
  const regencies = useChannel('regencies.list', {});
  const [problem, setProblem] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const parsedForm = () => {
    const parsed = parseForm(
      contract['profile.save'].input,
      { name, institution, role, regencyCode: role === 'regional_planner' && regencyCode ? regencyCode : null },
      { name: t('profile.nameRequired') },
    );
    if (!parsed.ok) setProblem(parsed.problem);
    return parsed.ok ? parsed.data : undefined;
  };

  async function run(work: () => Promise<string>) {
    setBusy(true);
    setProblem(undefined);
    try {
      notify(await work());
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setBusy(false);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const input = parsedForm();
    if (input) void run(async () => (await saveProfile(input), t('profile.saved')));
  }

  function startAsNewPerson() {
    const input = parsedForm();
    if (!input) return;
    void run(async () => {
      const made = await call('profile.newPerson', input);
      await profileChanged(made);
      return t('profile.newPersonDone', { name: made.name });
    });
  }

  function switchTo(personId: string) {
    void run(async () => {
      const now = await call('profile.switch', { personId });
      await profileChanged(now);
      setName(now.name);
      setInstitution(now.institution);
      return t('profile.switched', { name: now.name });
    });
  }

  return (
    <div className="page page-narrow">
      <header className="page-header">
        <h1>{t('profile.title')}</h1>
        <p className="page-subtitle">{t('profile.intro')}</p>
      </header>
      <form className="card stack" onSubmit={(event) => void submit(event)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('profile.name')}</label>
          <input
            id={`${id}-name`}
            type="text"
            value={name}
            maxLength={120}
            autoComplete="name"
            aria-invalid={problem !== undefined && !name.trim() ? true : undefined}
            onChange={(event) => setName(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-institution`}>{t('profile.institution')}</label>
          <input
            id={`${id}-institution`}
            type="text"
            value={institution}
            maxLength={160}
            autoComplete="organization"
            placeholder={t('profile.institutionPlaceholder')}
            onChange={(event) => setInstitution(event.target.value)}
          />
        </div>
        <RadioGroup<ProfileRole>
          label={t('profile.role')}
          value={role}
          options={PROFILE_ROLES.map((value) => ({ value, label: t(`profile.roles.${value}`) }))}
          onChange={setRole}
        />
        {role === 'regional_planner' && (
          <div className="field">
            <label htmlFor={`${id}-regency`}>{t('profile.regency')}</label>
            <select
              id={`${id}-regency`}
              value={regencyCode}
              aria-describedby={`${id}-regency-help`}
              onChange={(event) => setRegencyCode(event.target.value)}
            >
              <option value="">{t('profile.regencyNone')}</option>
              {(regencies.data ?? []).map((regency) => (
                <option key={regency.code} value={regency.code}>
                  {regency.code} {regency.name}
                </option>
              ))}
            </select>
            <p id={`${id}-regency-help`} className="help">
              {t('profile.regencyHelp')}
            </p>
          </div>
        )}
        {profile && (
          <p className="muted" data-testid="person-id">
            {t('profile.identity', { id: shortId(profile.id) })}
          </p>
        )}
        <FormProblem text={problem} />
        <div>
          <SaveButton busy={busy} />
        </div>
      </form>
      {profile && (
        <section className="card" aria-labelledby={`${id}-others`}>
          <h2 id={`${id}-others`} className="card-title">
            {t('profile.otherPeople')}
          </h2>
          <p className="muted">{t('profile.otherPeopleIntro')}</p>
          {(people.data ?? []).length > 1 && (
            <ul className="stack-tight">
              {(people.data ?? []).map((person) => (
                <li key={person.id}>
                  {person.current ? (
                    <span>
                      {person.name} · #{shortId(person.id)} <span className="badge">{t('profile.current')}</span>
                    </span>
                  ) : (
                    <button type="button" className="button button-small" disabled={busy} onClick={() => switchTo(person.id)}>
                      {t('profile.switchTo', { name: `${person.name} · #${shortId(person.id)}` })}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
          <div>
            <button type="button" className="button" disabled={busy} onClick={() => parsedForm() && setAsking(true)}>
              {t('profile.newPerson')}
            </button>
          </div>
        </section>
      )}
      <ConfirmDialog
        question={
          asking
            ? {
                title: t('profile.newPersonConfirmTitle'),
                body: t('profile.newPersonConfirm', { name: name.trim(), current: profile?.name ?? '' }),
                confirm: t('profile.newPerson'),
              }
            : undefined
        }
        onConfirm={startAsNewPerson}
        onClose={() => setAsking(false)}
      />
    </div>
  );
}

import { useId, useMemo, useState, type KeyboardEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { searchAreas } from '../../shared/area/search.ts';
import type { AreaRegency } from '../../shared/domain/area.ts';
import styles from './AreaCombobox.module.css';

interface Props {
  areas: readonly AreaRegency[];
  /** Codes already in the workspace: shown, but not selectable. */
  taken: ReadonlySet<string>;
  selected: AreaRegency | undefined;
  onSelect(area: AreaRegency | undefined): void;
  inputRef?: Ref<HTMLInputElement>;
  inputId: string;
  describedBy?: string;
  invalid?: boolean;
}

const MAX_OPTIONS = 8;

/**
 * Type part of a name and pick from the Kemendagri list (ARIA combobox pattern):
 * arrows move, Enter picks, Escape closes; the mouse works too.
 */
export function AreaCombobox({ areas, taken, selected, onSelect, inputRef, inputId, describedBy, invalid }: Props) {
  const { t } = useTranslation();
  const listId = useId();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);

  const options = useMemo(() => searchAreas(areas, query, MAX_OPTIONS), [areas, query]);

  const shown = open && query.trim().length > 0;
  const optionId = (index: number) => `${listId}-option-${index}`;

  function pick(area: AreaRegency | undefined) {
    if (!area || taken.has(area.code)) return;
    onSelect(area);
    setQuery(`${area.name}, ${area.provinceName}`);
    setOpen(false);
    setActive(-1);
  }

  function move(step: number) {
    if (options.length === 0) return;
    setOpen(true);
    setActive((current) => (current + step + options.length) % options.length);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      move(1);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      move(-1);
    } else if (event.key === 'Enter' && shown) {
      event.preventDefault();
      pick(options[active]);
    } else if (event.key === 'Escape' && shown) {
      event.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  }

  return (
    <div className={styles.combobox}>
      <input
        ref={inputRef}
        id={inputId}
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={shown}
        aria-controls={listId}
        aria-activedescendant={shown && active >= 0 ? optionId(active) : undefined}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        placeholder={t('regencies.add.searchPlaceholder')}
        value={query}
        onChange={(event) => {
          const next = event.target.value;
          setQuery(next);
          setOpen(true);
          // The best free match is preselected, so typing and Enter is enough.
          setActive(searchAreas(areas, next, MAX_OPTIONS).findIndex((area) => !taken.has(area.code)));
          if (selected) onSelect(undefined);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
        onFocus={() => query && !selected && setOpen(true)}
      />
      <ul id={listId} role="listbox" className={styles.comboboxList} hidden={!shown} aria-label={t('regencies.add.search')}>
        {options.map((area, index) => {
          const isTaken = taken.has(area.code);
          return (
            <li
              key={area.code}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              aria-disabled={isTaken || undefined}
              className={`${styles.comboboxOption}${index === active ? ' is-active' : ''}${isTaken ? ' is-taken' : ''}`}
              onMouseDown={(event) => {
                event.preventDefault();
                pick(area);
              }}
              onMouseMove={() => setActive(index)}
            >
              <span className={styles.optionName}>{area.name}</span>
              <span className={styles.optionMeta}>
                {area.provinceName} · {area.code}
                {isTaken && <em> · {t('regencies.add.alreadyListed')}</em>}
              </span>
            </li>
          );
        })}
        {shown && options.length === 0 && (
          <li className={styles.comboboxEmpty} role="option" aria-disabled="true" aria-selected="false">
            {t('regencies.add.noMatch', { query: query.trim() })}
          </li>
        )}
      </ul>
    </div>
  );
}

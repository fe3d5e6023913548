import { useId } from 'react';

interface Props<T extends string> {
  /** The visible label; omit when `labelledBy` names an existing heading. */
  label?: string;
  labelledBy?: string;
  value: T;
  options: readonly { value: T; label: string; lang?: string }[];
  onChange(value: T): void;
  disabled?: boolean;
}

/** Native radio buttons in a labelled group: arrows move between them, Space picks. */
export function RadioGroup<T extends string>({ label, labelledBy, value, options, onChange, disabled }: Props<T>) {
  const id = useId();
  return (
    <div className="field">
      {label && (
        <span id={`${id}-label`} className="field-label">
          {label}
        </span>
      )}
      <div role="radiogroup" aria-labelledby={labelledBy ?? `${id}-label`} className="stack-tight">
        {options.map((option) => (
          <label key={option.value} className="radio" lang={option.lang}>
            <input
              type="radio"
              name={id}
              value={option.value}
              checked={value === option.value}
              disabled={disabled}
              onChange={() => onChange(option.value)}
            />
            {option.label}
          </label>
        ))}
      </div>
    </div>
  );
}

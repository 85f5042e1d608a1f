/**
 * A choice of one among a few, as radio buttons under a legend (the payee of
 * a payment, the outcome of a review, the approval policy). The screen keeps
 * the chosen value; the group draws the options and reports a change.
 */
interface RadioGroupProps<T extends string> {
  legend: string;
  /** The radio buttons' shared name (one group per name on a page). */
  name: string;
  /** The chosen option; its type is the group's. */
  value: T;
  options: readonly { value: NoInfer<T>; label: string }[];
  onChange(value: NoInfer<T>): void;
  disabled?: boolean;
}

export function RadioGroup<T extends string>({ legend, name, value, options, onChange, disabled }: RadioGroupProps<T>) {
  return (
    <fieldset className="radio-group" disabled={disabled}>
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option.value} className="check">
          <input type="radio" name={name} value={option.value} checked={value === option.value} onChange={() => onChange(option.value)} />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}

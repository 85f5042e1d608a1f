/**
 * The filter bar above a list (the student register, a school's plans at the
 * municipality, the decision queue): a search box, selects whose first option
 * is "all", and a button that clears them. Each screen keeps its own filter
 * state (usually in the address) and passes values in and changes out; the
 * markup, labels and the clear button's place are the same everywhere.
 *
 *   <FilterBar clearLabel={t('…clear')} canClear={anyFilter} onClear={clear}>
 *     <SearchFilter label={t('…search')} value={search} onChange={setSearch} />
 *     <FilterSelect label={t('…status')} allLabel={t('…all')} value={status ?? ''}
 *       options={STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))}
 *       onChange={(value) => go({ status: value || null })} />
 *   </FilterBar>
 */
import type { KeyboardEvent, ReactNode } from 'react';
import { Field } from './field';

interface FilterBarProps {
  /** The text of the clear button. */
  clearLabel: string;
  /** True when some filter is set: the clear button shows. */
  canClear: boolean;
  onClear(): void;
  children: ReactNode;
}

export function FilterBar({ clearLabel, canClear, onClear, children }: FilterBarProps) {
  return (
    <div className="filters" role="search">
      {children}
      {/* Always in its place (hidden while there is nothing to clear), so the fields do not jump as it appears. */}
      <button type="button" className="filter-clear" style={{ visibility: canClear ? 'visible' : 'hidden' }} onClick={onClear}>
        {clearLabel}
      </button>
    </div>
  );
}

interface SearchFilterProps {
  label: string;
  hint?: string;
  placeholder?: string;
  value: string;
  onChange(value: string): void;
  onKeyDown?(event: KeyboardEvent<HTMLInputElement>): void;
}

/** The search box of a filter bar: typed text, no autocomplete or spell check (names and codes). */
export function SearchFilter({ label, hint, placeholder, value, onChange, onKeyDown }: SearchFilterProps) {
  return (
    <Field label={label} {...(hint ? { hint } : {})} className="filter filter-search">
      <input
        type="search"
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={onKeyDown}
        autoComplete="off"
        spellCheck={false}
      />
    </Field>
  );
}

export interface FilterOption {
  value: string | number;
  label: string;
}

interface FilterSelectProps {
  label: string;
  /** The text of the first option, which sets no filter. */
  allLabel: string;
  /** The value of that first option ('' unless the screen's default is itself a filter, as the register's "active"). */
  allValue?: string;
  value: string | number;
  options: readonly FilterOption[];
  onChange(value: string): void;
}

/** One select of a filter bar: "all" first, then the options; the change comes out as the option's value as text. */
export function FilterSelect({ label, allLabel, allValue = '', value, options, onChange }: FilterSelectProps) {
  return (
    <Field label={label} className="filter">
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value={allValue}>{allLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

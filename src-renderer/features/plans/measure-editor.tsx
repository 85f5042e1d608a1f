/**
 * One support measure in the plan editor: its kind, planned amount in the
 * kind's unit, who is responsible, its period, why it is needed, and the
 * risks (present in the screening) it addresses.
 */
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../src-shared/domain/format';
import { MEASURE_CATEGORIES, type MeasureKind } from '../../../src-shared/domain/measure-kinds';
import type { ReceivedYouthProject } from '../../../src-shared/domain/school-decisions';
import type { ScreeningFactor } from '../../../src-shared/domain/screening';
import type { StaffMember } from '../../../src-shared/domain/staff';
import { DateInput } from '../../ui/date-input';
import { Field, useFieldMessage, type FieldErrors } from '../../ui/field';
import { useLocalLabel } from '../../ui/labels';
import { categoryOf, type MeasureForm } from './plan-form';

interface MeasureEditorProps {
  index: number;
  measure: MeasureForm;
  kinds: readonly MeasureKind[];
  staff: readonly StaffMember[];
  risks: readonly ScreeningFactor[];
  errors: FieldErrors;
  /** The youth NGO initiative projects the municipality sent down (for an NGO-participation measure). */
  projects: readonly ReceivedYouthProject[];
  onChange(patch: Partial<MeasureForm>): void;
  onRemove(): void;
}

export function MeasureEditor({ index, measure, kinds, staff, risks, errors, projects, onChange, onRemove }: MeasureEditorProps) {
  const { t } = useTranslation();
  const label = useLocalLabel();
  const message = useFieldMessage();
  const at = (field: string) => errors[`measures.${index}.${field}`];
  const category = categoryOf(kinds, measure.kindCode);
  const kind = kinds.find((k) => k.code === measure.kindCode);
  const offered = kinds.filter((k) => k.active || k.code === measure.kindCode);
  const people = staff.filter((s) => s.active || s.id === measure.responsibleId);
  const risksId = `measure-${measure.key}-risks`;
  const riskError = at('riskFactorIds');
  const title = t('plans.measure.n', { n: index + 1 });

  return (
    <fieldset className="measure card" data-testid={`measure-${index}`}>
      <legend>
        {title}
        {kind ? <span className="measure-kind"> — {label(kind)}</span> : null}
      </legend>
      <div className="form-grid">
        <div data-path={`measures.${index}.kindCode`} className="field-wide">
          <Field label={t('plans.measure.kind')} errorKey={at('kindCode')} required>
            <select
              value={measure.kindCode}
              onChange={(e) => {
                const next = categoryOf(kinds, e.target.value);
                onChange(next === category ? { kindCode: e.target.value } : { kindCode: e.target.value, amount: '' });
              }}
            >
              <option value="">{t('plans.choose')}</option>
              {MEASURE_CATEGORIES.map((c) => {
                const inCategory = offered.filter((k) => k.category === c);
                return inCategory.length === 0 ? null : (
                  <optgroup key={c} label={t(`measureCategory.${c}`)}>
                    {inCategory.map((k) => (
                      <option key={k.code} value={k.code}>
                        {label(k)}
                      </option>
                    ))}
                  </optgroup>
                );
              })}
            </select>
          </Field>
        </div>
        {category === 'consultation' ? (
          <div data-path={`measures.${index}.plannedMinutes`}>
            <Field label={t('plans.measure.minutes')} hint={t('plans.measure.minutes.hint')} errorKey={at('plannedMinutes')} required>
              <input
                className="num-input"
                inputMode="numeric"
                value={measure.amount}
                onChange={(e) => onChange({ amount: e.target.value })}
                autoComplete="off"
              />
            </Field>
          </div>
        ) : null}
        {category === 'compensation' ? (
          <div data-path={`measures.${index}.plannedCents`}>
            <Field label={t('plans.measure.euros')} hint={t('plans.measure.euros.hint')} errorKey={at('plannedCents')} required>
              <input
                className="num-input"
                inputMode="decimal"
                value={measure.amount}
                onChange={(e) => onChange({ amount: e.target.value })}
                autoComplete="off"
              />
            </Field>
          </div>
        ) : null}
        {category === 'ngo' ? (
          <div data-path={`measures.${index}.youthProjectId`}>
            <Field
              label={t('schoolDecisions.youthProject')}
              hint={projects.length === 0 ? t('schoolDecisions.youthProject.none') : t('schoolDecisions.youthProject.hint')}
              errorKey={at('youthProjectId')}
            >
              <select value={measure.youthProjectId} onChange={(e) => onChange({ youthProjectId: e.target.value })}>
                <option value="">{t('plans.choose')}</option>
                {projects.map((p) => (
                  <option key={p.id} value={p.id}>
                    {t('schoolDecisions.youthProject.option', { title: p.title, ngo: p.ngo, from: formatDate(p.startsOn), to: formatDate(p.endsOn) })}
                  </option>
                ))}
                {measure.youthProjectId !== '' && !projects.some((p) => p.id === measure.youthProjectId) ? (
                  <option value={measure.youthProjectId}>{t('schoolDecisions.youthProject.unknown')}</option>
                ) : null}
              </select>
            </Field>
            <p className="muted measure-note">{t('plans.measure.ngoNoAmount')}</p>
          </div>
        ) : null}
        <div data-path={`measures.${index}.responsibleId`} className="field-wide">
          <Field label={t('plans.measure.responsible')} errorKey={at('responsibleId')}>
            <select value={measure.responsibleId} onChange={(e) => onChange({ responsibleId: e.target.value })}>
              <option value="">{t('plans.measure.responsible.none')}</option>
              {people.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.displayName}
                  {s.specialistKind ? ` (${t(`specialistKind.${s.specialistKind}`)})` : ''}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <div data-path={`measures.${index}.startsOn`}>
          <Field label={t('plans.measure.startsOn')} errorKey={at('startsOn')} required>
            <DateInput value={measure.startsOn} onChange={(v) => onChange({ startsOn: v })} />
          </Field>
        </div>
        <div data-path={`measures.${index}.endsOn`}>
          <Field label={t('plans.measure.endsOn')} errorKey={at('endsOn')} required>
            <DateInput value={measure.endsOn} onChange={(v) => onChange({ endsOn: v })} />
          </Field>
        </div>
      </div>
      <div data-path={`measures.${index}.justification`}>
        <Field label={t('plans.measure.justification')} hint={t('plans.measure.justification.hint')} errorKey={at('justification')} required>
          <textarea rows={2} value={measure.justification} onChange={(e) => onChange({ justification: e.target.value })} />
        </Field>
      </div>
      <fieldset
        className={riskError ? 'measure-risks field-invalid' : 'measure-risks'}
        aria-describedby={riskError ? `${risksId}-error` : undefined}
        data-path={`measures.${index}.riskFactorIds`}
      >
        <legend>
          {t('plans.measure.risks')}
          <span className="field-required"> *</span>
        </legend>
        {risks.length === 0 ? <p className="muted">{t('plans.measure.noRisks')}</p> : null}
        {risks.map((risk) => (
          <label key={risk.id} className="check">
            <input
              type="checkbox"
              checked={measure.riskFactorIds.includes(risk.id)}
              aria-invalid={riskError ? true : undefined}
              onChange={(e) =>
                onChange({ riskFactorIds: e.target.checked ? [...measure.riskFactorIds, risk.id] : measure.riskFactorIds.filter((id) => id !== risk.id) })
              }
            />
            <span>
              {label(risk)} <span className={`chip chip-${risk.group}`}>{t(`riskGroup.short.${risk.group}`)}</span>
            </span>
          </label>
        ))}
        {riskError ? (
          <small id={`${risksId}-error`} className="field-error" role="alert">
            {message(riskError)}
          </small>
        ) : null}
      </fieldset>
      <div className="row-actions">
        <button type="button" className="danger" onClick={onRemove}>
          {t('plans.measure.remove', { n: index + 1 })}
        </button>
      </div>
    </fieldset>
  );
}

/**
 * The plan editor's form state and its conversion to the service's input:
 * amounts are typed as people write them ("240" minutes, "12,50" euros) and
 * sent as integer minutes or cents; dates are typed dd.mm.yyyy and sent as
 * YYYY-MM-DD. Text that cannot be converted becomes a field error here, with
 * the same paths the service uses (`measures.0.plannedCents`), so every
 * message lands next to its field whoever found the problem.
 */
import { parseMoney } from '../../../src-shared/domain/format';
import type { MeasureCategory, MeasureKind } from '../../../src-shared/domain/measure-kinds';
import type { ConsentRelation, MeasureInput, PlanUpdateInput, PlanView } from '../../../src-shared/domain/plan';
import { dateTextToIso, isoToDateText } from '../../ui/date-input';
import type { FieldErrors } from '../../ui/field';
import { centsToText } from '../../ui/plan-labels';

export interface MeasureForm {
  /** React key: stable while the row exists. */
  key: string;
  id: string | undefined;
  kindCode: string;
  /** Minutes for a consultation, euros for a compensation, unused for an NGO project. */
  amount: string;
  responsibleId: string;
  startsOn: string;
  endsOn: string;
  justification: string;
  riskFactorIds: string[];
  /** NGO participation: the youth project chosen from the municipality's list ('' for none). */
  youthProjectId: string;
}

export interface PlanForm {
  goals: string;
  consentBy: string;
  consentRelation: ConsentRelation | '';
  consentOn: string;
  measures: MeasureForm[];
}

let nextKey = 1;
export const newKey = () => `m${nextKey++}`;

export function formOf(plan: PlanView): PlanForm {
  return {
    goals: plan.goals,
    consentBy: plan.consent?.by ?? '',
    consentRelation: plan.consent?.relation ?? '',
    consentOn: isoToDateText(plan.consent?.on),
    measures: plan.measures.map((m) => ({
      key: newKey(),
      id: m.id,
      kindCode: m.kindCode,
      amount: m.category === 'consultation' ? (m.plannedMinutes === null ? '' : String(m.plannedMinutes)) : centsToText(m.plannedCents),
      responsibleId: m.responsibleId ?? '',
      startsOn: isoToDateText(m.startsOn),
      endsOn: isoToDateText(m.endsOn),
      justification: m.justification,
      riskFactorIds: [...m.riskFactorIds],
      youthProjectId: m.youthProjectId ?? '',
    })),
  };
}

export function emptyMeasure(startsOn: string, endsOn: string): MeasureForm {
  return {
    key: newKey(),
    id: undefined,
    kindCode: '',
    amount: '',
    responsibleId: '',
    startsOn,
    endsOn,
    justification: '',
    riskFactorIds: [],
    youthProjectId: '',
  };
}

export function categoryOf(kinds: readonly MeasureKind[], code: string): MeasureCategory | null {
  return kinds.find((k) => k.code === code)?.category ?? null;
}

/** The update input, or the problems found before asking the service. */
export function toUpdateInput(plan: PlanView, form: PlanForm, kinds: readonly MeasureKind[]): { input: PlanUpdateInput; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const day = (text: string, path: string): string => {
    const iso = dateTextToIso(text);
    if (iso === 'invalid') errors[path] = 'ui.date.invalid';
    return typeof iso === 'string' && iso !== 'invalid' ? iso : '';
  };

  const measures: MeasureInput[] = form.measures.map((m, i) => {
    const category = categoryOf(kinds, m.kindCode);
    const amount = m.amount.trim();
    let plannedMinutes: number | null = null;
    let plannedCents: number | null = null;
    if (category === 'consultation' && amount !== '') {
      if (/^\d{1,6}$/.test(amount)) plannedMinutes = Number(amount);
      else errors[`measures.${i}.plannedMinutes`] = 'plans.error.minutes';
    }
    if (category === 'compensation' && amount !== '') {
      const cents = parseMoney(amount);
      if (cents === null) errors[`measures.${i}.plannedCents`] = 'plans.error.money';
      else plannedCents = cents;
    }
    return {
      ...(m.id ? { id: m.id } : {}),
      kindCode: m.kindCode,
      plannedMinutes,
      plannedCents,
      responsibleId: m.responsibleId === '' ? null : m.responsibleId,
      startsOn: day(m.startsOn, `measures.${i}.startsOn`),
      endsOn: day(m.endsOn, `measures.${i}.endsOn`),
      justification: m.justification,
      riskFactorIds: m.riskFactorIds,
      // Only an NGO-participation measure names a project; changing the kind drops it.
      youthProjectId: category === 'ngo' && m.youthProjectId !== '' ? m.youthProjectId : null,
    };
  });

  const consentGiven = form.consentBy.trim() !== '' || form.consentRelation !== '' || form.consentOn.trim() !== '';
  const consent = consentGiven ? { by: form.consentBy, relation: form.consentRelation as ConsentRelation, on: day(form.consentOn, 'consent.on') } : null;
  return { input: { planId: plan.id, version: plan.version, goals: form.goals, consent, measures }, errors };
}

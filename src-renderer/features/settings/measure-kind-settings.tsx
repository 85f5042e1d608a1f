/**
 * Settings: kinds of support measures with their names, rates and per-student
 * caps. Kinds are never deleted (plans refer to them): a kind the school does
 * not use is switched off. Money is typed as "12,50" and kept in cents.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney, parseMoney } from '../../../src-shared/domain/format';
import { MEASURE_CATEGORIES, type MeasureCategory, type MeasureKind, type MeasureKindInput } from '../../../src-shared/domain/measure-kinds';
import { DataTable } from '../../ui/data-table';
import { ErrorBanner } from '../../ui/error-banner';
import { useFieldMessage } from '../../ui/field';
import { useLocalLabel } from '../../ui/labels';
import { useToast } from '../../ui/toast';
import { useLoad, useSubmit } from '../../ui/use-api';

interface Row {
  code: string;
  category: MeasureCategory;
  labelLv: string;
  labelEn: string;
  rate: string;
  cap: string;
  active: boolean;
  isNew: boolean;
}

const moneyText = (cents: number | null) => (cents === null ? '' : formatMoney(cents).replace(/\u00a0€$/, ''));

function toRow(kind: MeasureKind): Row {
  return {
    code: kind.code,
    category: kind.category,
    labelLv: kind.labelLv,
    labelEn: kind.labelEn,
    rate: moneyText(kind.rateCents),
    cap: moneyText(kind.capCents),
    active: kind.active,
    isNew: false,
  };
}

export function MeasureKindSettings() {
  const { t } = useTranslation();
  const toast = useToast();
  const label = useLocalLabel();
  const message = useFieldMessage();
  const kinds = useLoad('measureKinds:list', {});
  const { submit, busy, fieldErrors, setFieldErrors } = useSubmit();
  const [rows, setRows] = useState<Row[]>([]);
  const [newCategory, setNewCategory] = useState<MeasureCategory>('compensation');

  useEffect(() => {
    if (kinds.data) setRows(kinds.data.map(toRow));
  }, [kinds.data]);

  const update = (code: string, change: Partial<Row>) => setRows((list) => list.map((r) => (r.code === code ? { ...r, ...change } : r)));

  async function save(event: FormEvent) {
    event.preventDefault();
    const errors: Record<string, string> = {};
    const input: MeasureKindInput[] = rows.map((r, i) => {
      const money = (text: string, field: string) => {
        if (text.trim() === '') return null;
        const cents = parseMoney(text);
        if (cents === null) errors[`kinds.${i}.${field}`] = 'settings.money.invalid';
        return cents;
      };
      return {
        code: r.code,
        category: r.category,
        labelLv: r.labelLv,
        labelEn: r.labelEn,
        rateCents: money(r.rate, 'rateCents'),
        capCents: money(r.cap, 'capCents'),
        active: r.active,
      };
    });
    if (Object.keys(errors).length > 0) {
      setFieldErrors(errors);
      return;
    }
    const saved = await submit('measureKinds:update', { kinds: input });
    if (saved) {
      setRows(saved.map(toRow));
      toast.success(t('settings.saved'));
    }
  }

  function add() {
    const code = `${newCategory}.custom${Date.now().toString(36)}`;
    setRows((list) => [...list, { code, category: newCategory, labelLv: '', labelEn: '', rate: '', cap: '', active: true, isNew: true }]);
  }

  const error = (i: number, field: string) => {
    const key = fieldErrors[`kinds.${i}.${field}`];
    return key ? (
      <small className="field-error" role="alert">
        {message(key)}
      </small>
    ) : null;
  };

  // Each row with its place in the whole list: the field errors name kinds by that place.
  const indexed = rows.map((row, i) => ({ row, i }));
  const nameOf = (row: Row) => label(row) || t('settings.measures.newKind');

  return (
    <section className="card" aria-labelledby="settings-measures">
      <h2 id="settings-measures">{t('settings.measures.title')}</h2>
      <p className="muted">{t('settings.measures.intro')}</p>
      {kinds.error ? <ErrorBanner error={kinds.error} /> : null}
      <form onSubmit={save} noValidate>
        {MEASURE_CATEGORIES.map((category) => (
          // One set of column widths for the three tables (the kinds-col classes): names get the room, the checkboxes line up.
          <DataTable
            key={category}
            plain
            rowNavigation={false}
            className="table edit-table kinds-table"
            caption={t(`measureCategory.${category}`)}
            captionVisible
            rows={indexed.filter(({ row }) => row.category === category)}
            rowKey={({ row }) => row.code}
            rowClassName={({ row }) => (row.active ? undefined : 'row-off')}
            columns={[
              {
                key: 'labelLv',
                label: t('settings.measures.labelLv'),
                headClassName: 'kinds-col-name',
                cell: ({ row, i }) => (
                  <>
                    <input
                      aria-label={`${t('settings.measures.labelLv')}: ${nameOf(row)}`}
                      value={row.labelLv}
                      onChange={(e) => update(row.code, { labelLv: e.target.value })}
                      aria-invalid={fieldErrors[`kinds.${i}.labelLv`] ? true : undefined}
                    />
                    {error(i, 'labelLv')}
                  </>
                ),
              },
              {
                key: 'labelEn',
                label: t('settings.measures.labelEn'),
                headClassName: 'kinds-col-name',
                cell: ({ row, i }) => (
                  <>
                    <input
                      aria-label={`${t('settings.measures.labelEn')}: ${nameOf(row)}`}
                      value={row.labelEn}
                      onChange={(e) => update(row.code, { labelEn: e.target.value })}
                      aria-invalid={fieldErrors[`kinds.${i}.labelEn`] ? true : undefined}
                    />
                    {error(i, 'labelEn')}
                  </>
                ),
              },
              {
                key: 'rate',
                label: category === 'consultation' ? t('settings.measures.ratePerHour') : t('settings.measures.rate'),
                num: true,
                headClassName: 'kinds-col-money',
                cell: ({ row, i }) =>
                  category === 'ngo' ? null : (
                    <>
                      <input
                        className="money-input"
                        inputMode="decimal"
                        aria-label={`${t('settings.measures.rate')}: ${nameOf(row)}`}
                        value={row.rate}
                        onChange={(e) => update(row.code, { rate: e.target.value })}
                        aria-invalid={fieldErrors[`kinds.${i}.rateCents`] ? true : undefined}
                      />{' '}
                      €{error(i, 'rateCents')}
                    </>
                  ),
              },
              {
                key: 'cap',
                label: t('settings.measures.cap'),
                num: true,
                headClassName: 'kinds-col-money',
                cell: ({ row, i }) => (
                  <>
                    <input
                      className="money-input"
                      inputMode="decimal"
                      aria-label={`${t('settings.measures.cap')}: ${nameOf(row)}`}
                      value={row.cap}
                      onChange={(e) => update(row.code, { cap: e.target.value })}
                      aria-invalid={fieldErrors[`kinds.${i}.capCents`] ? true : undefined}
                    />{' '}
                    €{error(i, 'capCents')}
                  </>
                ),
              },
              {
                key: 'active',
                label: t('settings.measures.active'),
                headClassName: 'center kinds-col-active',
                cellClassName: 'center',
                cell: ({ row }) => (
                  <input
                    type="checkbox"
                    aria-label={`${t('settings.measures.active')}: ${nameOf(row)}`}
                    checked={row.active}
                    onChange={(e) => update(row.code, { active: e.target.checked })}
                  />
                ),
              },
            ]}
          />
        ))}
        <div className="form-actions add-row">
          <label className="filter">
            <span>{t('settings.measures.newCategory')}</span>
            <select value={newCategory} onChange={(e) => setNewCategory(e.target.value as MeasureCategory)}>
              {MEASURE_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t(`measureCategory.${c}`)}
                </option>
              ))}
            </select>
          </label>
          {/* Not before the kinds have loaded: their list replaces the rows when it comes, and a row added earlier was lost with it. */}
          <button type="button" onClick={add} disabled={!kinds.data}>
            {t('settings.measures.add')}
          </button>
        </div>
        <p className="muted">{t('settings.measures.capHint')}</p>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={!kinds.data || busy || rows.length === 0}>
            {t('settings.measures.save')}
          </button>
        </div>
      </form>
    </section>
  );
}

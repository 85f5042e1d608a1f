/**
 * The student register: every student of the school, shown as a virtualized
 * listbox so 2,000+ rows stay fast. The choices in the selects (status,
 * grade, risk group, plan) are filtered on the server ('students:list'); the
 * typed search is filtered in the page, on every keystroke and without a
 * pause, over the rows it already holds, with the same matching as the
 * service's SQL (matchesSearchWords, the twin of student-list-query.ts).
 * Keyboard: type in the search box, ArrowDown moves into the list; in the
 * list ArrowUp/ArrowDown/PageUp/PageDown/Home/End move, Enter opens the card.
 * The filters live in the URL, so coming back from a card restores them.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { SignalKind } from '../../../src-shared/domain/e-journal';
import { RISK_GROUPS, type RiskGroup } from '../../../src-shared/domain/risk-catalogue';
import { PLAN_STATUS_CODES, STUDENT_STATUSES, type StudentListFilter, type StudentRow, type StudentStatus } from '../../../src-shared/domain/student';
import { foldStudent, matchesSearchWords, searchWords } from '../../../src-shared/domain/search-fold';
import { paths, type RouteProps } from '../../paths';
import { ErrorBanner } from '../../ui/error-banner';
import { FilterBar, FilterSelect, SearchFilter } from '../../ui/filter-bar';
import { PlanStatusBadge, RiskGroupChips, useClassLabel, useSemesterLabel } from '../../ui/labels';
import { Page } from '../../ui/page';
import { Link, navigate } from '../../ui/router';
import { useSession } from '../../ui/session';
import { useLoad } from '../../ui/use-api';
import '../journal/journal.css';
import { registerPlace, rememberRegisterPlace } from './register-memory';

const ROW_HEIGHT = 44;
/** The typed text reaches the URL (for coming back to the same list) after this pause; the list itself does not wait for it. */
const URL_DELAY_MS = 300;
const GRADES = Array.from({ length: 12 }, (_, i) => i + 1);
type PlanFilter = (typeof PLAN_STATUS_CODES)[number] | 'none';

/** The filters as they stand in the URL query. */
function filtersFrom(query: URLSearchParams): StudentListFilter {
  const filter: StudentListFilter = {};
  const q = query.get('q');
  if (q) filter.query = q;
  const grade = Number(query.get('grade'));
  if (Number.isInteger(grade) && grade >= 1 && grade <= 12) filter.grade = grade;
  const status = query.get('status');
  // Active students by default: people who left are looked up on purpose.
  if (status !== 'all') filter.status = (STUDENT_STATUSES as readonly string[]).includes(status ?? '') ? (status as StudentStatus) : 'active';
  const risk = query.get('risk');
  if ((RISK_GROUPS as readonly string[]).includes(risk ?? '')) filter.riskGroup = risk as RiskGroup;
  const plan = query.get('plan');
  if (([...PLAN_STATUS_CODES, 'none'] as readonly string[]).includes(plan ?? '')) filter.planStatus = plan as PlanFilter;
  return filter;
}

/** "7.b", "7b" or "12." in the search box: a class, which the service filters on as grade and letter. */
const CLASS_WORD = /^(\d{1,2})\.?([a-zA-ZāčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ]{0,3})$/;

/** What the service gets: class words in the search text become grade and class filters. */
export function serverFilter(filter: StudentListFilter): StudentListFilter {
  const words = (filter.query ?? '').split(/[\s,]+/).filter(Boolean);
  const out: StudentListFilter = { ...filter };
  const rest: string[] = [];
  for (const word of words) {
    const m = CLASS_WORD.exec(word);
    const grade = m ? Number(m[1]) : 0;
    if (m && grade >= 1 && grade <= 12) {
      out.grade = grade;
      if (m[2]) out.classLabel = m[2];
    } else rest.push(word);
  }
  out.query = rest.length > 0 ? rest.join(' ') : undefined;
  if (out.query === undefined) delete out.query;
  return out;
}

/** SQLite's NOCASE: ASCII letters only, as the service compares class labels. */
const asciiLower = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

/**
 * What the page asks main for: the select filters only. The typed words and
 * class words are applied in the page (localFilter); a typed class whose grade
 * differs from the grade chosen in the select replaces it, as on the server.
 */
export function baseFilter(filter: StudentListFilter): StudentListFilter {
  const server = serverFilter(filter);
  const base: StudentListFilter = { ...filter };
  delete base.query;
  delete base.classLabel;
  if (filter.grade !== undefined) base.grade = server.grade;
  return base;
}

/** The typed search as a predicate over rows the page holds; same result as serverFilter on the service. */
export function localFilter(search: string): (row: StudentRow, folded: ReturnType<typeof foldStudent<StudentRow>>) => boolean {
  const server = serverFilter({ query: search });
  const words = searchWords(server.query ?? '');
  const grade = server.grade;
  const classLabel = server.classLabel === undefined ? undefined : asciiLower(server.classLabel);
  return (row, folded) =>
    (grade === undefined || row.grade === grade) &&
    (classLabel === undefined || asciiLower(row.classLabel) === classLabel) &&
    matchesSearchWords(folded, words);
}

/** The e-journal signals filter ('any': only students with a signal); kept in the URL beside the other filters. */
function signalsFrom(query: URLSearchParams): 'any' | undefined {
  return query.get('signals') === 'any' ? 'any' : undefined;
}

function queryFor(filter: StudentListFilter, signals?: 'any'): Record<string, string | number | undefined> {
  return {
    signals,
    q: filter.query,
    grade: filter.grade,
    status: filter.status === undefined ? 'all' : filter.status === 'active' ? undefined : filter.status,
    risk: filter.riskGroup,
    plan: filter.planStatus,
  };
}

export default function RegisterScreen({ query }: RouteProps) {
  const { t } = useTranslation();
  const session = useSession();
  const semesterLabel = useSemesterLabel();
  const filter = useMemo(() => filtersFrom(query), [query]);
  const [search, setSearch] = useState(filter.query ?? '');
  const list = useLoad('students:list', baseFilter(filter));
  const folded = useMemo(() => list.data?.rows.map(foldStudent), [list.data]);
  const signalsFilter = signalsFrom(query);
  const school = session.organisation.mode === 'school';
  const signalMap = useLoad('journal:signalMap', {}, { enabled: school });
  const kindsById = useMemo(() => (signalMap.data ? new Map(signalMap.data.students.map((s) => [s.studentId, s.kinds])) : null), [signalMap.data]);
  const rows = useMemo(() => {
    if (!folded) return undefined;
    const matches = localFilter(search.trim());
    const found = folded.filter((f) => matches(f.row, f)).map((f) => f.row);
    return signalsFilter === 'any' && kindsById ? found.filter((r) => kindsById.has(r.id)) : found;
  }, [folded, search, signalsFilter, kindsById]);
  const listRef = useRef<HTMLDivElement>(null);

  // The URL keeps the typed text so that coming back from a card restores it; the list above never waits for this.
  useEffect(() => {
    if ((filter.query ?? '') === search.trim()) return;
    const timer = window.setTimeout(() => {
      // Not if the person has meanwhile left for a card (Enter on the one match): that would replace the card with the list.
      if (window.location.hash.replace(/^#/, '').split('?')[0] !== paths.students()) return;
      navigate(paths.students(queryFor({ ...filter, query: search.trim() || undefined }, signalsFilter)), { replace: true });
    }, URL_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [search, filter, signalsFilter]);

  /** `signals`: null clears the signals filter; left out, it stays as it is. */
  function setFilter(change: Partial<StudentListFilter>, signals: 'any' | null = signalsFilter ?? null) {
    navigate(paths.students(queryFor({ ...filter, ...change }, signals ?? undefined)), { replace: true });
  }

  const anyFilter = Boolean(filter.query || filter.grade || filter.status !== 'active' || filter.riskGroup || filter.planStatus || signalsFilter);

  return (
    <Page
      title={t('students.title')}
      className="page-register"
      actions={
        session.can('student.write') ? (
          <Link className="button primary" to={paths.newStudent()}>
            {t('students.add')}
          </Link>
        ) : null
      }
    >
      <FilterBar
        clearLabel={t('students.filter.clear')}
        canClear={anyFilter}
        onClear={() => {
          setSearch('');
          navigate(paths.students(), { replace: true });
        }}
      >
        <SearchFilter
          label={t('students.search')}
          placeholder={t('students.search.placeholder')}
          value={search}
          onChange={setSearch}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' && rows && rows.length > 0) {
              e.preventDefault();
              listRef.current?.focus();
            }
            if (e.key === 'Enter' && rows && rows.length === 1 && rows[0]) navigate(paths.student(rows[0].id));
          }}
        />
        <FilterSelect
          label={t('students.filter.grade')}
          allLabel={t('students.filter.all')}
          value={filter.grade ?? ''}
          options={GRADES.map((grade) => ({ value: grade, label: String(grade) }))}
          onChange={(value) => setFilter({ grade: value ? Number(value) : undefined })}
        />
        <FilterSelect
          label={t('students.filter.status')}
          allLabel={t('students.filter.all')}
          allValue="all"
          value={filter.status ?? 'all'}
          options={STUDENT_STATUSES.map((status) => ({ value: status, label: t(`studentStatus.${status}`) }))}
          onChange={(value) => setFilter({ status: value === 'all' ? undefined : (value as StudentStatus) })}
        />
        <FilterSelect
          label={t('students.filter.risk')}
          allLabel={t('students.filter.all')}
          value={filter.riskGroup ?? ''}
          options={RISK_GROUPS.map((group) => ({ value: group, label: t(`riskGroup.${group}`) }))}
          onChange={(value) => setFilter({ riskGroup: (value || undefined) as RiskGroup | undefined })}
        />
        <FilterSelect
          label={t('students.filter.plan')}
          allLabel={t('students.filter.all')}
          value={filter.planStatus ?? ''}
          options={[
            { value: 'none', label: t('ui.planStatus.none') },
            ...PLAN_STATUS_CODES.map((status) => ({ value: status, label: t(`planStatus.${status}`) })),
          ]}
          onChange={(value) => setFilter({ planStatus: (value || undefined) as PlanFilter | undefined })}
        />
        {school && kindsById ? (
          <FilterSelect
            label={t('journal.register.filter')}
            allLabel={t('students.filter.all')}
            value={signalsFilter ?? ''}
            options={[{ value: 'any', label: t('journal.register.filter.any') }]}
            onChange={(value) => setFilter({}, value === 'any' ? 'any' : null)}
          />
        ) : null}
      </FilterBar>
      {list.error ? <ErrorBanner error={list.error} /> : null}
      <p className="register-count" role="status" aria-live="polite">
        {rows
          ? rows.length === 0
            ? t(anyFilter ? 'students.count.none' : 'students.count.noneYet')
            : t('students.count', { count: rows.length })
          : t('app.loading')}
        {list.data?.semesterId ? <span className="muted"> · {t('students.planSemester', { semester: semesterLabel(list.data.semesterId) })}</span> : null}
      </p>
      {rows ? (
        <StudentListbox
          rows={rows}
          listRef={listRef}
          busy={list.loading}
          signals={school ? kindsById : null}
          href={paths.students(queryFor(filter, signalsFilter))}
          anyFilter={anyFilter}
        />
      ) : null}
    </Page>
  );
}

function StudentListbox({
  rows,
  listRef,
  busy,
  signals,
  href,
  anyFilter,
}: {
  rows: StudentRow[];
  listRef: RefObject<HTMLDivElement | null>;
  busy: boolean;
  /** E-journal signal kinds per student (null: no column). */
  signals: Map<string, SignalKind[]> | null;
  /** The register's address with its filters, remembered when a card is opened. */
  href: string;
  anyFilter: boolean;
}) {
  const { t } = useTranslation();
  const classLabel = useClassLabel();
  const baseId = useId();
  const [active, setActive] = useState(0);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => listRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });

  // A new result starts at its first row; coming back from a card (its link
  // or Back) to the same list returns to the row and position it was left at.
  const restored = useRef(false);
  const resultKey = useMemo(() => rows.map((r) => r.id).join(','), [rows]);
  // The address is read, not watched: the typed text reaching the URL a moment
  // later changes the address but not the result, and must not move the row.
  const hrefNow = useRef(href);
  hrefNow.current = href;
  useEffect(() => {
    const place = restored.current ? null : registerPlace();
    restored.current = true;
    const index = place && place.href === hrefNow.current && place.activeId ? rows.findIndex((r) => r.id === place.activeId) : -1;
    if (place && index >= 0) {
      setActive(index);
      virtualizer.scrollToOffset(place.scrollTop);
      // After the page has put the focus on its heading: on the row again.
      window.requestAnimationFrame(() => listRef.current?.focus({ preventScroll: true }));
      return;
    }
    setActive(0);
    virtualizer.scrollToOffset(0);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a new result, not a new array with the same rows (signals arriving later), starts over
  }, [resultKey, virtualizer, listRef]);

  function open(index: number) {
    const row = rows[index];
    if (!row) return;
    rememberRegisterPlace({ href, activeId: row.id, scrollTop: listRef.current?.scrollTop ?? 0 });
    navigate(paths.student(row.id));
  }

  function move(to: number) {
    const index = Math.max(0, Math.min(rows.length - 1, to));
    setActive(index);
    virtualizer.scrollToIndex(index, { align: 'auto' });
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const page = Math.max(1, Math.floor((listRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(active + 1),
      ArrowUp: () => move(active - 1),
      PageDown: () => move(active + page),
      PageUp: () => move(active - page),
      Home: () => move(0),
      End: () => move(rows.length - 1),
      Enter: () => open(active),
    };
    const action = keys[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  }

  const optionId = (index: number) => `${baseId}-row-${index}`;
  const activeRow = rows[active];

  return (
    <div className={signals ? 'register with-signals' : 'register'}>
      <div className="register-head" aria-hidden="true">
        <span>{t('students.col.name')}</span>
        <span>{t('students.col.personalCode')}</span>
        <span>{t('students.col.class')}</span>
        <span>{t('students.col.risks')}</span>
        <span>{t('students.col.plan')}</span>
        {signals ? <span>{t('journal.register.col')}</span> : null}
      </div>
      {rows.length === 0 ? (
        <p className="register-empty" data-testid="register-empty">
          {t(anyFilter ? 'students.empty' : 'students.emptyNone')}
        </p>
      ) : (
        <div
          ref={listRef}
          className="register-list"
          role="listbox"
          tabIndex={0}
          aria-label={t('students.list.label')}
          aria-activedescendant={activeRow ? optionId(active) : undefined}
          aria-busy={busy}
          onKeyDown={onKeyDown}
        >
          <div className="register-spacer" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = rows[item.index];
              if (!row) return null;
              return (
                <div
                  key={row.id}
                  id={optionId(item.index)}
                  role="option"
                  aria-selected={item.index === active}
                  aria-setsize={rows.length}
                  aria-posinset={item.index + 1}
                  className={item.index === active ? 'register-row active' : 'register-row'}
                  style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                  data-student-id={row.id}
                  onClick={() => {
                    setActive(item.index);
                    open(item.index);
                  }}
                >
                  <span className="register-name">
                    {row.lastName} {row.firstName}
                    {row.status !== 'active' ? <span className="muted"> ({t(`studentStatus.${row.status}`)})</span> : null}
                  </span>
                  <span className="register-code">{row.personalCode}</span>
                  <span>{classLabel(row)}</span>
                  <span>
                    <RiskGroupChips groups={row.riskGroups} />
                  </span>
                  <span>
                    <PlanStatusBadge status={row.planStatus} />
                  </span>
                  {signals ? <SignalChips kinds={signals.get(row.id) ?? []} /> : null}
                </div>
              );
            })}
          </div>
        </div>
      )}
    </div>
  );
}

function SignalChips({ kinds }: { kinds: readonly SignalKind[] }) {
  const { t } = useTranslation();
  if (kinds.length === 0) return <span />;
  return (
    <span className="chips" title={t('journal.signalsNotVerdicts')}>
      {kinds.map((kind) => (
        <span key={kind} className="chip chip-signal">
          {t(`journal.signal.short.${kind}`)}
        </span>
      ))}
    </span>
  );
}

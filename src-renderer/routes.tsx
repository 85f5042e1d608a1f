/**
 * The route table: hash paths -> screens. To add a screen, add one entry
 * (screens load lazily, so the first paint stays small):
 *
 *   { path: '/plans/:id', screen: lazy(() => import('./features/plans/plan-screen')), permission: 'school.read' },
 *
 * A screen is a default export taking `RouteProps` ({ params, query }) and
 * starting with <Page title=...> (src-renderer/ui/page.tsx). Link to it with
 * <Link to={paths.plan(id)}> (src-renderer/ui/router.tsx); `paths` below is
 * the one place that knows how URLs look, so screens never build them by hand.
 *
 * The student card (features/students/student-card.tsx) links to plans and
 * screenings through `paths`.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Permission } from '../src-shared/domain/roles';
import { hrefFor } from './ui/router';

export interface RouteProps {
  params: Record<string, string>;
  query: URLSearchParams;
}

export interface AppRoute {
  /** `/students/:id`: segments match exactly; `:name` captures one segment. */
  path: string;
  screen: LazyExoticComponent<ComponentType<RouteProps>> | ComponentType<RouteProps>;
  /** Hidden (and shown as "not allowed") for roles without it. */
  permission?: Permission;
}

/** How every screen's URL looks. */
export const paths = {
  home: () => '/',
  students: (filters: Record<string, string | number | null | undefined> = {}) => hrefFor('/students', filters),
  newStudent: () => '/students/new',
  student: (id: string) => `/students/${encodeURIComponent(id)}`,
  editStudent: (id: string) => `/students/${encodeURIComponent(id)}/edit`,
  /** The screening form for a student in a semester (features/screening). */
  screening: (studentId: string, semesterId: string) => `/students/${encodeURIComponent(studentId)}/screening/${encodeURIComponent(semesterId)}`,
  /** A new plan for a student (features/plans). */
  newPlan: (studentId: string, semesterId: string) => `/students/${encodeURIComponent(studentId)}/plans/new/${encodeURIComponent(semesterId)}`,
  /** The plan editor (features/plans). */
  plan: (id: string) => `/plans/${encodeURIComponent(id)}`,
  /** The delivery log of a plan (features/deliveries). */
  deliveries: (planId: string) => `/plans/${encodeURIComponent(planId)}/deliveries`,
  /** The printable plan (features/print). */
  printPlan: (planId: string) => `/plans/${encodeURIComponent(planId)}/print`,
  /** A plan's semester-end evaluation (features/semester-end). */
  semesterEnd: (planId: string) => `/plans/${encodeURIComponent(planId)}/semester-end`,
  /** The current semester's open plans, to evaluate and close one by one (features/semester-end). */
  semesterEndOverview: () => '/semester-end',
  settings: (tab?: string) => (tab ? `/settings/${tab}` : '/settings'),
  /** Keys, trust and the school's package (features/exchange). */
  exchange: () => '/exchange',
  /** Municipality and state (features/municipality): enrolled schools, one school's imported plans, the import, counts. */
  schools: () => '/schools',
  school: (id: string, semesterId?: string | null) => hrefFor(`/schools/${encodeURIComponent(id)}`, { semester: semesterId }),
  importPackages: () => '/import',
  counts: () => '/counts',
};

export const routes: AppRoute[] = [
  // A school's home, or a municipality's (features/municipality/home-by-mode).
  { path: '/', screen: lazy(() => import('./features/municipality/home-by-mode')) },
  { path: '/students', screen: lazy(() => import('./features/students/register-screen')), permission: 'school.read' },
  { path: '/students/new', screen: lazy(() => import('./features/students/student-form-screen')), permission: 'student.write' },
  { path: '/students/:id', screen: lazy(() => import('./features/students/student-card')), permission: 'school.read' },
  { path: '/students/:id/edit', screen: lazy(() => import('./features/students/student-form-screen')), permission: 'student.write' },
  { path: '/settings', screen: lazy(() => import('./features/settings/settings-screen')), permission: 'school.admin' },
  { path: '/settings/:tab', screen: lazy(() => import('./features/settings/settings-screen')), permission: 'school.admin' },
  // The year's work on a student: screening, plan, deliveries, semester end, printing.
  { path: '/students/:id/screening/:semesterId', screen: lazy(() => import('./features/screening/screening-screen')), permission: 'school.read' },
  { path: '/students/:id/plans/new/:semesterId', screen: lazy(() => import('./features/plans/new-plan-screen')), permission: 'plan.write' },
  { path: '/plans/:id', screen: lazy(() => import('./features/plans/plan-screen')), permission: 'school.read' },
  { path: '/plans/:id/deliveries', screen: lazy(() => import('./features/deliveries/deliveries-screen')), permission: 'school.read' },
  { path: '/plans/:id/semester-end', screen: lazy(() => import('./features/semester-end/semester-end-screen')), permission: 'school.read' },
  { path: '/plans/:id/print', screen: lazy(() => import('./features/print/print-screen')), permission: 'school.read' },
  { path: '/semester-end', screen: lazy(() => import('./features/semester-end/overview-screen')), permission: 'outcome.write' },
  // Exchange: own key, trust, export (every mode); enrolled schools, import, imported plans and counts (municipality, state).
  { path: '/exchange', screen: lazy(() => import('./features/exchange/exchange-screen')), permission: 'exchange.enrol' },
  { path: '/schools', screen: lazy(() => import('./features/municipality/schools-screen')), permission: 'imported.read' },
  { path: '/schools/:id', screen: lazy(() => import('./features/municipality/school-plans-screen')), permission: 'imported.read' },
  { path: '/import', screen: lazy(() => import('./features/municipality/import-screen')), permission: 'exchange.import' },
  { path: '/counts', screen: lazy(() => import('./features/municipality/counts-screen')), permission: 'imported.read' },
];

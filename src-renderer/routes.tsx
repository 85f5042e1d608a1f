/**
 * The route table: hash paths -> screens. To add a screen, add one entry
 * (screens load lazily, so the first paint stays small):
 *
 *   { path: '/plans/:id', screen: lazy(() => import('./features/plans/plan-screen')), permission: 'school.read' },
 *
 * A screen is a default export taking `RouteProps` ({ params, query }) and
 * starting with <Page title=...> (src-renderer/ui/page.tsx). Link to it with
 * <Link to={paths.plan(id)}> (src-renderer/ui/router.tsx); `paths` (src-renderer/paths.ts) is
 * the one place that knows how URLs look, so screens never build them by hand.
 *
 * The student card (features/students/student-card.tsx) links to plans and
 * screenings through `paths`, and shows extra sections from `student-card-sections.ts`.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Permission } from '../src-shared/domain/roles';
import { paths, type RouteProps } from './paths';

// Kept for code that still imports them from here; new code imports './paths'.
export { paths, type RouteProps };

export interface AppRoute {
  /** `/students/:id`: segments match exactly; `:name` captures one segment. */
  path: string;
  screen: LazyExoticComponent<ComponentType<RouteProps>> | ComponentType<RouteProps>;
  /** Hidden (and shown as "not allowed") for roles without it. */
  permission?: Permission;
}

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
  // E-journal early warning (school): suggested for screening, the import wizard.
  { path: '/journal', screen: lazy(() => import('./features/journal/suggestions-screen')), permission: 'school.read' },
  { path: '/journal/import', screen: lazy(() => import('./features/journal/import-screen')), permission: 'student.write' },
  { path: '/statistics', screen: lazy(() => import('./features/statistics/statistics-screen')), permission: 'school.read' },
  { path: '/statistics/area', screen: lazy(() => import('./features/statistics/authority-statistics-screen')), permission: 'imported.read' },
  { path: '/statistics/indicators', screen: lazy(() => import('./features/statistics/indicators-screen')), permission: 'imported.read' },
  { path: '/national', screen: lazy(() => import('./features/national/national-screen')), permission: 'imported.read' },
  // The municipality's (or the state's) decisions, money, settings and youth projects (features/decisions).
  { path: '/decisions', screen: lazy(() => import('./features/decisions/queue-screen')), permission: 'imported.read' },
  { path: '/decisions/:school/:plan', screen: lazy(() => import('./features/decisions/review-screen')), permission: 'imported.read' },
  { path: '/money', screen: lazy(() => import('./features/decisions/money-screen')), permission: 'imported.read' },
  { path: '/authority-settings', screen: lazy(() => import('./features/decisions/authority-settings-screen')), permission: 'imported.read' },
];

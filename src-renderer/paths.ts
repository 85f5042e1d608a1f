/**
 * Where each screen lives: `paths` is the one place that knows how URLs look
 * (screens never build them by hand), and `RouteProps` is what a screen gets.
 * Its own module, so screens link to each other without importing the route
 * table (routes.tsx), which imports the screens.
 */
import { hrefFor } from './ui/router';

export interface RouteProps {
  params: Record<string, string>;
  query: URLSearchParams;
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
  /** E-journal early warning (features/journal): students suggested for screening, thresholds. */
  journal: () => '/journal',
  /** The e-journal import wizard. */
  journalImport: () => '/journal/import',
  /** The school's statistics and effect estimates (features/statistics). */
  statistics: () => '/statistics',
  /** A municipality's or the state's statistics, protected; semester, breakdown and scope in the address (features/statistics). */
  authorityStatistics: () => '/statistics/area',
  /** Programme indicators for a period, printable and as XLSX (features/statistics). */
  indicators: () => '/statistics/indicators',
  /** The state's national picture: who reported, counts by municipality and school (features/national). */
  national: (semesterId?: string | null) => hrefFor('/national', { semester: semesterId }),
  /** Municipality and state (features/decisions): plans waiting for a decision, one plan's review, money, settings and youth projects. */
  decisions: (query: Record<string, string | null | undefined> = {}) => hrefFor('/decisions', query),
  review: (schoolId: string, planId: string, query: Record<string, string | null | undefined> = {}) =>
    hrefFor(`/decisions/${encodeURIComponent(schoolId)}/${encodeURIComponent(planId)}`, query),
  money: () => '/money',
  authoritySettings: () => '/authority-settings',
};

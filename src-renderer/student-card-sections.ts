/**
 * Extra sections at the end of the student card, for features that have more
 * to say about a student (each a component taking the loaded student). Kept
 * apart from routes.tsx so the card imports no route table.
 */
import { lazy, type ComponentType } from 'react';
import type { Student } from '../src-shared/domain/student';

export interface StudentCardSection {
  id: string;
  render: ComponentType<{ student: Student }>;
}

export const studentCardSections: StudentCardSection[] = [
  // The e-journal indicators per semester (features/journal).
  { id: 'journal-trend', render: lazy(() => import('./features/journal/journal-trend')) },
];

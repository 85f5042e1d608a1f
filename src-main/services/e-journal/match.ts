/**
 * Ties parsed e-journal students to the register: by personal code, else by
 * name and class. A code that is not in the register, a name without a
 * class, a name and class that fit nobody or more than one student, or two
 * rows that land on the same student: each is listed for the user, never
 * guessed. Pure.
 */
import { foldForSearch } from '../../../src-shared/domain/search-fold';
import type { ParsedStudent } from './parse-journal';

export interface RegisterStudent {
  id: string;
  personalCode: string;
  firstName: string;
  lastName: string;
  grade: number;
  classLabel: string;
}

export type UnmatchedReason = 'codeNotInRegister' | 'noClass' | 'nameNotInClass' | 'severalInClass' | 'sameStudentTwice';

export interface MatchOutcome {
  matched: { parsed: ParsedStudent; studentId: string; by: 'personalCode' | 'nameAndClass' }[];
  /** Rows we could not tie to one student, with why; `candidates` for the ambiguous ones. */
  unmatched: { parsed: ParsedStudent; reason: UnmatchedReason; candidates: number }[];
}

const alnum = (s: string) => foldForSearch(s).replace(/[^\p{L}\p{N}]/gu, '');
/** Name words, folded and sorted: "Bērziņš Jānis" and "Jānis Bērziņš" (and "Bērziņš, Jānis") are one key. */
export const nameKey = (name: string) =>
  foldForSearch(name)
    .split(/[\s,]+/)
    .filter((w) => w !== '')
    .sort()
    .join(' ');
/** The register's class as the journal may write it: "8.a", "8a", "8 A"; a class label may or may not include its grade. */
function classKeys(s: RegisterStudent): Set<string> {
  const label = alnum(s.classLabel);
  return new Set([label, `${s.grade}${label.startsWith(String(s.grade)) ? label.slice(String(s.grade).length) : label}`].filter((k) => k !== ''));
}

export function matchToRegister(parsed: readonly ParsedStudent[], register: readonly RegisterStudent[]): MatchOutcome {
  const byCode = new Map(register.map((s) => [s.personalCode, s]));
  const byName = new Map<string, RegisterStudent[]>();
  for (const s of register) {
    const key = nameKey(`${s.firstName} ${s.lastName}`);
    byName.set(key, [...(byName.get(key) ?? []), s]);
  }
  const outcome: MatchOutcome = { matched: [], unmatched: [] };
  const taken = new Set<string>();
  for (const p of parsed) {
    let found: RegisterStudent | undefined;
    let by: 'personalCode' | 'nameAndClass' = 'personalCode';
    if (p.personalCode) {
      found = byCode.get(p.personalCode);
      if (!found) {
        outcome.unmatched.push({ parsed: p, reason: 'codeNotInRegister', candidates: 0 });
        continue;
      }
    } else {
      const cls = alnum(p.classLabel);
      if (cls === '') {
        outcome.unmatched.push({ parsed: p, reason: 'noClass', candidates: (byName.get(nameKey(p.name)) ?? []).length });
        continue;
      }
      const candidates = (byName.get(nameKey(p.name)) ?? []).filter((s) => classKeys(s).has(cls));
      if (candidates.length !== 1) {
        outcome.unmatched.push({ parsed: p, reason: candidates.length === 0 ? 'nameNotInClass' : 'severalInClass', candidates: candidates.length });
        continue;
      }
      found = candidates[0];
      by = 'nameAndClass';
    }
    if (!found) continue;
    if (taken.has(found.id)) {
      outcome.unmatched.push({ parsed: p, reason: 'sameStudentTwice', candidates: 1 });
      continue;
    }
    taken.add(found.id);
    outcome.matched.push({ parsed: p, studentId: found.id, by });
  }
  return outcome;
}

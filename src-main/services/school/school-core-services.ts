/**
 * The services for the school's core data, built together for the
 * composition root: settings, calendar, staff and sessions, students, the
 * risk catalogue, and set-up.
 */
import type { Kysely } from 'kysely';
import type { Municipality } from '../../../src-shared/domain/organisation';
import type { RiskCatalogueFile } from '../../../src-shared/domain/risk-catalogue';
import type { DB } from '../../db/schema';
import type { Clock } from '../../ports/clock';
import { CalendarService } from './calendar-service';
import type { OrganisationService } from '../accounts/organisation-service';
import { DEFAULT_SCRYPT, type ScryptParams } from '../accounts/password-hash';
import { RiskCatalogueService } from './risk-catalogue-service';
import { SessionService } from '../accounts/session-service';
import { SetUpService } from '../accounts/set-up-service';
import { SettingsService, type SettingsPolicy } from './settings-service';
import { StaffService } from '../accounts/staff-service';
import { StudentService } from './student-service';

export interface SchoolCoreServices {
  settings: SettingsService;
  calendar: CalendarService;
  staff: StaffService;
  sessions: SessionService;
  students: StudentService;
  risks: RiskCatalogueService;
  setUp: SetUpService;
}

export interface SchoolCoreOptions {
  organisation: OrganisationService;
  municipalities: readonly Municipality[];
  riskCatalogue: RiskCatalogueFile;
  /** Admin policy (settings fixed by IT); none by default. */
  policy?: SettingsPolicy;
  /** scrypt cost; tests pass cheaper parameters. */
  hashParams?: ScryptParams;
}

export function createSchoolCoreServices(db: Kysely<DB>, clock: Clock, options: SchoolCoreOptions): SchoolCoreServices {
  const hash = options.hashParams ?? DEFAULT_SCRYPT;
  const settings = new SettingsService(db, clock, options.policy ?? {});
  const calendar = new CalendarService(db, clock);
  return {
    settings,
    calendar,
    staff: new StaffService(db, clock, hash),
    sessions: new SessionService(db, clock, settings, hash),
    students: new StudentService(db, clock, calendar),
    risks: new RiskCatalogueService(db, clock, options.riskCatalogue),
    setUp: new SetUpService(db, clock, options.organisation, options.municipalities, options.riskCatalogue, hash),
  };
}

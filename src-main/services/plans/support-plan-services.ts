/**
 * The services for the year's work on a student, built together for the
 * composition root, plus how handlers find who is calling.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../../../src-shared/domain/roles';
import type { DB } from '../../db/schema';
import type { Clock } from '../../ports/clock';
import { DeliveryService } from './delivery-service';
import { MeasureKindService } from '../school/measure-kind-service';
import { PlanService } from './plan-service';
import { ScreeningService } from './screening-service';
import { SemesterEndService } from './semester-end-service';

/** Who is signed in on a client (SessionService satisfies this). */
export interface SessionLookup {
  touch(clientId: string): Promise<{ actor: Actor | null; expired: boolean }>;
}

export interface SupportPlanServices {
  sessions: SessionLookup;
  screenings: ScreeningService;
  plans: PlanService;
  measureKinds: MeasureKindService;
  deliveries: DeliveryService;
  semesterEnd: SemesterEndService;
}

export function createSupportPlanServices(db: Kysely<DB>, clock: Clock, sessions: SessionLookup): SupportPlanServices {
  return {
    sessions,
    screenings: new ScreeningService(db, clock),
    plans: new PlanService(db, clock),
    measureKinds: new MeasureKindService(db, clock),
    deliveries: new DeliveryService(db, clock),
    semesterEnd: new SemesterEndService(db, clock),
  };
}

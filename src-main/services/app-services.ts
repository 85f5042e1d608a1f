/**
 * The services the app wires (app/create-app.ts) and hands to the IPC
 * handlers and the CLI. Declared here, in the services layer, so the layers
 * above can name it without importing the composition root.
 */
import type { DecisionServices } from './decisions/index';
import type { DataSafetyService } from './data-safety/data-safety-service';
import type { EJournalService } from './e-journal/e-journal-service';
import type { ExchangeServices } from './exchange/index';
import type { OrganisationService } from './accounts/organisation-service';
import type { RetentionService } from './data-safety/retention-service';
import type { SchoolCoreServices } from './school/school-core-services';
import type { SchoolStatisticsService } from './statistics/school-statistics';
import type { AuthorityStatisticsService } from './statistics/authority-statistics';
import type { SupportPlanServices } from './plans/support-plan-services';

export interface AppServices extends SchoolCoreServices {
  organisation: OrganisationService;
  supportPlans: SupportPlanServices;
  exchange: ExchangeServices;
  journal: EJournalService;
  dataSafety: DataSafetyService;
  retention: RetentionService;
  statistics: SchoolStatisticsService;
  authorityStatistics: AuthorityStatisticsService;
  decisions: DecisionServices;
}

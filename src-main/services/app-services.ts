/**
 * The services the app wires (app/create-app.ts) and hands to the IPC
 * handlers and the CLI. Declared here, in the services layer, so the layers
 * above can name it without importing the composition root.
 */
import type { DecisionServices } from './decisions/index';
import type { DataSafetyService } from './data-safety-service';
import type { EJournalService } from './e-journal/e-journal-service';
import type { ExchangeServices } from './exchange/index';
import type { OrganisationService } from './organisation-service';
import type { RetentionService } from './retention-service';
import type { SchoolCoreServices } from './school-core-services';
import type { SchoolStatisticsService } from './statistics/school-statistics';
import type { AuthorityStatisticsService } from './statistics/authority-statistics';
import type { SupportPlanServices } from './support-plan-services';

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

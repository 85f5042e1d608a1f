/** Every CLI verb, in the order `pumpurs --help` lists them. Add a verb: its own file, one line here. */
import type { CliVerb } from '../cli-verb';
import { decideVerb } from './decide';
import { payVerb } from './pay';
import { auditVerifyVerb } from './audit-verify';
import { backupsListVerb, backupVerb, restoreVerb } from './backup';
import { demoDataVerb } from './demo-data';
import { exportVerb } from './export';
import { importVerb } from './import';
import { enrolVerb, trustVerb } from './key-file';
import { keysExportVerb } from './keys-export';
import { keysShowVerb } from './keys-show';
import { initVerb } from './init';
import { plansListVerb } from './plans-list';
import { reportVerb } from './report';
import { journalImportVerb } from './journal-import';
import { studentsListVerb } from './students-list';
import { streamAcceptVerb } from './stream-accept';
import { verifyVerb } from './verify';

export const VERBS: readonly CliVerb[] = [
  initVerb,
  studentsListVerb,
  demoDataVerb,
  keysShowVerb,
  keysExportVerb,
  enrolVerb,
  trustVerb,
  exportVerb,
  verifyVerb,
  importVerb,
  streamAcceptVerb,
  decideVerb,
  payVerb,
  plansListVerb,
  reportVerb,
  journalImportVerb,
  backupVerb,
  backupsListVerb,
  restoreVerb,
  auditVerifyVerb,
];

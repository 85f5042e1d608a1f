/** Every CLI verb, in the order `pumpurs --help` lists them. Add a verb: its own file, one line here. */
import type { CliVerb } from '../cli-verb';
import { demoDataVerb } from './demo-data';
import { initVerb } from './init';
import { studentsListVerb } from './students-list';

export const VERBS: readonly CliVerb[] = [initVerb, studentsListVerb, demoDataVerb];

/** How demo plans choose measures for risks, and the texts they use. */
import type { DemoRandom } from './demo-random';

/** The measure kind that addresses a catalogue risk factor (by id, else by group). */
const KIND_FOR_FACTOR: Record<string, string> = {
  'school.learningDifficulties': 'consultation.specialEducationTeacher',
  'school.lowAchievement': 'consultation.teacher',
  'school.absences': 'consultation.socialPedagogue',
  'school.teacherConflicts': 'consultation.psychologist',
  'school.peerConflicts': 'consultation.psychologist',
  'school.overload': 'consultation.teacherAssistant',
  'school.languageBarrier': 'consultation.teacher',
  'school.lowMotivation': 'consultation.psychologist',
  'personal.health': 'consultation.occupationalTherapist',
  'personal.behaviour': 'consultation.socialPedagogue',
  'family.parentsAbroad': 'consultation.socialPedagogue',
  'economic.transport': 'compensation.publicTransport',
  'economic.meals': 'compensation.meals',
  'economic.clothing': 'compensation.personalItems',
  'economic.learningMaterials': 'compensation.learningMaterials',
  'economic.accommodation': 'compensation.accommodation',
  'economic.startingWork': 'ngo.project',
};
const KIND_FOR_GROUP: Record<string, string> = {
  school: 'consultation.teacher',
  personal: 'consultation.psychologist',
  family: 'consultation.socialPedagogue',
  economic: 'compensation.personalItems',
};

export function kindForFactor(factorId: string, group: string): string {
  return KIND_FOR_FACTOR[factorId] ?? KIND_FOR_GROUP[group] ?? 'consultation.teacher';
}

/** Planned cents for a compensation kind: a plausible semester amount, in whole euros. */
export function plannedCentsFor(kindCode: string, random: DemoRandom): number {
  const [min, max] = (
    {
      'compensation.publicTransport': [40, 120],
      'compensation.specialTransport': [80, 200],
      'compensation.accommodation': [100, 300],
      'compensation.meals': [60, 150],
      'compensation.learningMaterials': [20, 80],
      'compensation.personalItems': [30, 100],
    } as Record<string, [number, number]>
  )[kindCode] ?? [20, 100];
  return random.int(min, max) * 100;
}

export const PLANNED_MINUTES = [180, 240, 300, 360, 480, 600] as const;
export const SESSION_MINUTES = [30, 40, 45, 60] as const;

export const GOALS = [
  'Mazināt neattaisnotos kavējumus un uzlabot sekmes pamatpriekšmetos.',
  'Nostiprināt mācību motivāciju un palīdzēt plānot mācību darbu.',
  'Nodrošināt pamatvajadzības, lai izglītojamais varētu regulāri apmeklēt skolu.',
  'Uzlabot attiecības ar klasesbiedriem un pedagogiem.',
  'Atbalstīt izglītojamo un ģimeni grūtā situācijā, lai mācības netiktu pārtrauktas.',
  'Palīdzēt apgūt mācību saturu, kurā ir nepietiekams vērtējums.',
];

export const JUSTIFICATIONS = [
  'novērojis klases audzinātājs',
  'apstiprina sekmju un kavējumu dati e-žurnālā',
  'konstatēts sarunā ar vecākiem',
  'sociālā pedagoga novērojums',
  'izglītojamā paša teiktais sarunā',
  'priekšmetu skolotāju ziņas',
];

export const NOTES = ['', '', '', 'Strādājām pie mācību plāna.', 'Saruna par kavējumiem.', 'Mājasdarbu pārrunāšana.', 'Izglītojamais ieradās laikā.'];

export const COMMENTS = {
  return: 'Lūdzu precizēt mērķus un pasākumu pamatojumu.',
  suspend: 'Izglītojamais ilgstoši slimo.',
  deactivate: 'Izglītojamais pārgāja uz citu skolu.',
} as const;

/**
 * Seeding a test school through the same channels the app uses (over the
 * bridge's HTTP door, so the page shares the signed-in session): set-up with
 * a first coordinator, staff, students, screenings and plans.
 */
import { join } from 'node:path';
import { legacyCheckDigit } from '../../src-shared/domain/personal-code';
import type { Channel, ChannelInput, ChannelOutput } from '../../src-shared/ipc/contract/index';
import type { Result } from '../../src-shared/ipc/result';
import { inProcess } from './in-process';

export const COORDINATOR = { username: 'anna.ozola', displayName: 'Anna Ozola', password: 'kalni un upes 2025' };
export const SEMESTER = '2025/26-1';

const tokens = new Map<string, Promise<string>>();

/**
 * The bridge's per-run token, as its page gets it: from the index.html it
 * serves (a page of another origin cannot read that; see bridge-server.ts).
 */
export function bridgeToken(bridgeUrl: string): Promise<string> {
  let token = tokens.get(bridgeUrl);
  if (token === undefined) {
    token = fetch(`${bridgeUrl}/`).then(async (res) => {
      const found = /<meta name="pumpurs-bridge-token" content="([0-9a-f]+)">/.exec(await res.text())?.[1];
      if (found === undefined) throw new Error(`no bridge token in ${bridgeUrl}/`);
      return found;
    });
    tokens.set(bridgeUrl, token);
  }
  return token;
}

/**
 * One call through the app's router, as the page makes it. A bridge of this
 * worker (fixtures.ts) is called in-process: the same router and call context
 * as its HTTP door, at about half the CPU (500 students: 1.1-1.3 s instead of
 * 2.3-2.7 s, docs/performance.md, fifth pass); the result goes through JSON
 * as over HTTP. Any other bridge is called over HTTP.
 */
export async function invoke<C extends Channel>(bridgeUrl: string, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const local = inProcess.get(bridgeUrl);
  if (local !== undefined) {
    const result = JSON.parse(JSON.stringify(await local(channel, input))) as Result<ChannelOutput<C>>;
    if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
    return result.value;
  }
  const post = async () =>
    fetch(`${bridgeUrl}/__ipc/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-pumpurs-bridge-token': await bridgeToken(bridgeUrl) },
      body: JSON.stringify({ channel, input }),
    });
  let response = await post();
  if (response.status === 403) {
    // A new bridge on a port an earlier test's bridge had: its token is another one.
    tokens.delete(bridgeUrl);
    response = await post();
  }
  const result = (await response.json()) as Result<ChannelOutput<C>>;
  if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
  return result.value;
}

/** The school set up, with Anna Ozola signed in as its coordinator. */
export async function setUpSchool(bridgeUrl: string): Promise<void> {
  await invoke(bridgeUrl, 'org:setUp', {
    profile: { name: 'Madonas pilsētas vidusskola', regNo: '4313900456', municipality: 'Madonas novads', schoolType: 'general' },
    coordinator: COORDINATOR,
  });
}

const FIRST_F = ['Anna', 'Elza', 'Marta', 'Līga', 'Sofija', 'Emīlija', 'Alise', 'Katrīna', 'Paula', 'Evelīna'];
const FIRST_M = ['Jānis', 'Roberts', 'Markuss', 'Artūrs', 'Gustavs', 'Kārlis', 'Dāvis', 'Ralfs', 'Emīls', 'Tomass'];
const LAST = [
  ['Ozols', 'Ozola'],
  ['Bērziņš', 'Bērziņa'],
  ['Kalniņš', 'Kalniņa'],
  ['Liepa', 'Liepa'],
  ['Krūmiņš', 'Krūmiņa'],
  ['Zariņš', 'Zariņa'],
  ['Vītols', 'Vītola'],
  ['Jansons', 'Jansone'],
  ['Pētersons', 'Pētersone'],
  ['Eglītis', 'Eglīte'],
  ['Kļaviņš', 'Kļaviņa'],
  ['Siliņš', 'Siliņa'],
] as const;

/** A valid legacy personal code for a child born in 20yy, unique per index. */
export function personalCode(index: number, grade: number): string {
  const year = 2019 - grade;
  const day = (index % 28) + 1;
  const month = (Math.floor(index / 28) % 12) + 1;
  const serial = Math.floor(index / 336) % 1000;
  const firstTen = `${String(day).padStart(2, '0')}${String(month).padStart(2, '0')}${String(year).slice(2)}2${String(serial).padStart(3, '0')}`;
  return `${firstTen.slice(0, 6)}-${firstTen.slice(6)}${legacyCheckDigit(firstTen)}`;
}

export interface SeededStudent {
  id: string;
  firstName: string;
  lastName: string;
  personalCode: string;
  grade: number;
  classLabel: string;
}

/** `count` synthetic students spread over grades 1–12 and classes a–c. */
export async function addStudents(bridgeUrl: string, count: number, first = 0): Promise<SeededStudent[]> {
  const out: SeededStudent[] = [];
  const batch = 25;
  for (let start = first; start < first + count; start += batch) {
    const made = await Promise.all(
      Array.from({ length: Math.min(batch, first + count - start) }, async (_, k) => {
        const i = start + k;
        const female = i % 2 === 0;
        const last = LAST[Math.floor(i / 20) % LAST.length] as readonly [string, string];
        const grade = (i % 12) + 1;
        const input = {
          firstName: (female ? FIRST_F : FIRST_M)[Math.floor(i / 2) % 10] as string,
          lastName: female ? last[1] : last[0],
          personalCode: personalCode(i, grade),
          gender: female ? ('female' as const) : ('male' as const),
          educationLevel: 'general' as const,
          grade,
          classLabel: ['a', 'b', 'c'][Math.floor(i / 12) % 3] as string,
        };
        const saved = await invoke(bridgeUrl, 'students:create', input);
        return { id: saved.student.id, ...input };
      }),
    );
    out.push(...made);
  }
  return out;
}

/** A screening in the current semester with the given factors present. */
export async function screen(bridgeUrl: string, studentId: string, presentFactorIds: string[]): Promise<void> {
  await invoke(bridgeUrl, 'screening:save', {
    studentId,
    semesterId: SEMESTER,
    answers: presentFactorIds.map((riskFactorId) => ({ riskFactorId, answer: 'present' as const, justification: 'Novērots mācību gada sākumā.' })),
  });
}

/** A bridge as the exchange helpers need it: its address and its faked file dialogs. */
export type Bridge = { url: string; answerDialogs(answers: { save?: (string | null)[]; open?: string[][] }): Promise<void> };

/** `sender`'s key card enrolled at `recipient`, and `recipient`'s trusted at `sender`, fingerprints compared (through the app's channels). */
export async function link(sender: Bridge, recipient: Bridge, dir: string, name: string): Promise<void> {
  const senderCard = join(dir, `${name}-sender.card.json`);
  const recipientCard = join(dir, `${name}-recipient.card.json`);
  await sender.answerDialogs({ save: [senderCard] });
  await invoke(sender.url, 'exchange:exportCard', {});
  await recipient.answerDialogs({ save: [recipientCard] });
  await invoke(recipient.url, 'exchange:exportCard', {});
  await recipient.answerDialogs({ open: [[senderCard]] });
  const enrol = await invoke(recipient.url, 'exchange:enrolPreview', { purpose: 'enrol' });
  if (!enrol.token || !enrol.preview) throw new Error('no enrol preview');
  await invoke(recipient.url, 'exchange:enrol', { token: enrol.token, fingerprint: enrol.preview.fingerprint.digits });
  await sender.answerDialogs({ open: [[recipientCard]] });
  const trust = await invoke(sender.url, 'exchange:enrolPreview', { purpose: 'trust' });
  if (!trust.token || !trust.preview) throw new Error('no trust preview');
  await invoke(sender.url, 'exchange:trust', { token: trust.token, fingerprint: trust.preview.fingerprint.digits });
}

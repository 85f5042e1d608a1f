/**
 * Who may call what, through the real router, services and SQLite file: each
 * channel's declared access (its contract line) is what the app does. Every
 * channel is called with a minimal valid input (a new channel without one does
 * not compile) by nobody and by each role, in a school and in a municipality
 * installation. "Refused" is FORBIDDEN or NOT_SIGNED_IN (a channel that does
 * not belong in the mode is FORBIDDEN); an allowed call may still fail for other reasons
 * (NOT_FOUND, VALIDATION on the service's own rules, a cancelled dialog)
 * and is only checked not to be refused.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, ROLES, type Permission, type Role } from '../../../src-shared/domain/roles';
import type { Access } from '../../../src-shared/ipc/channel';
import { CHANNELS, contract, type Channel } from '../../../src-shared/ipc/contract/index';
import { createApp, type AppInstance } from '../../app/create-app';
import { makeTempDir, type TempDir } from '../../db/testing/temp-db';
import { fixedClock } from '../../ports/clock';
import { createScriptedDialogs } from '../../ports/dialogs';
import { silentLogger } from '../../ports/logger';
import { pathsFor } from '../../ports/paths';
import { createFileSecretStore } from '../../ports/secret-store';
import type { CallContext } from '../router';
import { FAST_SCRYPT } from '../../services/testing/fast-scrypt';

type Mode = 'school' | 'municipality';

/**
 * The rule each channel declares in the contract (src-shared/ipc/channel.ts):
 * public, or a permission of src-shared/domain/roles.ts in the modes listed.
 * Public channels, and why:
 *   app:info, catalog:municipalities, org:get: what the first screen needs before anyone can sign in
 *     (set up or not, the app version, the municipality list of the set-up form); no personal data.
 *   org:setUp, org:setUpAuthority: the first run, before any account exists; refused once set up.
 *   auth:signIn, auth:current: signing in and asking whether one is.
 *   auth:signOut: ends the caller's own session, if any; nothing to protect.
 */
const PUBLIC_CHANNELS: Channel[] = [
  'app:info',
  'catalog:municipalities',
  'org:get',
  'org:setUp',
  'org:setUpAuthority',
  'auth:signIn',
  'auth:signOut',
  'auth:current',
];

/**
 * Where a service adds a finer rule to the declared one for the input called
 * here: the permission that input needs. Approving is the director's alone
 * (and never their own plan: plan-service.test.ts).
 */
const FINER: Partial<Record<Channel, Permission>> = { 'plans:transition': 'plan.approve' };

const id = 'nav-tada';
const token = '0'.repeat(32);
const day = '2025-10-01';
const guardian = { name: 'G', relation: 'mother' };
const student = { firstName: 'A', lastName: 'B', personalCode: '010111-11111', gender: 'female', educationLevel: 'general', grade: 5 };

/** A minimal valid input per channel: a channel without one does not compile. */
const INPUTS: { [C in Channel]: unknown } = {
  'app:info': {},
  'catalog:municipalities': {},
  'org:get': {},
  'org:saveSchoolProfile': { name: 'Madonas pilsētas vidusskola', regNo: '4313900456', municipality: 'Madonas novads', schoolType: 'general' },
  'org:setUp': {
    profile: { name: 'X', regNo: '4313900456', municipality: 'Madonas novads', schoolType: 'general' },
    coordinator: { username: 'otrs', displayName: 'O', password: 'droša parole 2' },
  },
  'org:setUpAuthority': { profile: { mode: 'state' }, coordinator: { username: 'otrs', displayName: 'O', password: 'droša parole 2' } },
  'auth:signIn': { username: 'neviens', password: 'nepareiza parole' },
  'auth:signOut': {},
  'auth:current': {},

  'staff:list': {},
  'staff:create': { username: 'jauns', displayName: 'J', password: 'droša parole 3', roles: ['readOnly'] },
  'staff:update': { id, displayName: 'J' },
  'staff:resetPassword': { id, password: 'droša parole 4' },
  'calendar:list': {},
  'calendar:current': {},
  'calendar:saveYear': {
    id: '2030/31',
    startsOn: '2030-09-01',
    endsOn: '2031-08-31',
    semesters: [
      { startsOn: '2030-09-02', endsOn: '2030-12-20' },
      { startsOn: '2031-01-06', endsOn: '2031-05-30' },
    ],
  },

  'students:list': {},
  'students:get': { id },
  'students:create': student,
  'students:update': { ...student, id, version: 1 },
  'students:setGuardians': { studentId: id, version: 1, guardians: [guardian] },
  'risks:catalogue': {},
  'risks:add': { group: 'school', labelLv: 'Jauns', labelEn: 'New' },
  'risks:retire': { id },
  'risks:delete': { id },

  'screening:get': { studentId: id, semesterId: '2025/26-1' },
  'screening:save': { studentId: id, semesterId: '2025/26-1', answers: [] },
  'screening:riskSummary': {},
  'riskLevel:getRule': {},
  'riskLevel:saveRule': { rule: null },
  'plans:get': { planId: id },
  'plans:listForStudent': { studentId: id },
  'plans:create': { studentId: id, semesterId: '2025/26-1' },
  'plans:update': { planId: id, version: 1, goals: '', consent: null, measures: [] },
  'plans:transition': { planId: id, version: 1, action: 'approve' },
  'plans:delete': { planId: id, version: 1 },
  'plans:startNext': { previousPlanId: id },
  'plans:listWaiting': {},
  'plans:summary': {},
  'plans:listOpen': {},
  'stats:overview': { semesterId: '2025/26-1', breakdown: 'none' },
  'stats:effectiveness': { semesterIds: [] },
  'stats:export': { semesterId: '2025/26-1', breakdown: 'none', format: 'csv' },
  'stats:authorityOverview': { semesterId: '2025/26-1', breakdown: 'none' },
  'stats:authorityEffectiveness': { semesterIds: [] },
  'stats:trends': {},
  'stats:semesters': {},
  'stats:authorityExport': { semesterId: '2025/26-1', breakdown: 'none', format: 'xlsx' },
  'stats:threshold': {},
  'stats:indicators': { semesterIds: [] },
  'stats:indicatorsExport': { semesterIds: [] },
  'stats:setThreshold': { value: 5 },
  'measureKinds:list': {},
  'measureKinds:update': {
    kinds: [{ code: 'consult.test', category: 'consultation', labelLv: 'T', labelEn: 'T', rateCents: null, capCents: null, active: false }],
  },
  'deliveries:listForPlan': { planId: id },
  'deliveries:add': { measureId: id, deliveredOn: day, minutes: 30 },
  'deliveries:remove': { deliveryId: id },
  'deliveries:month': {},
  'deliveries:spending': {},
  'semesterEnd:get': { planId: id },
  'semesterEnd:save': { planId: id, version: 1, measures: [], risks: [], studentOutcome: null },
  'semesterEnd:close': { planId: id, version: 1 },

  'exchange:keys': {},
  'exchange:exportCard': {},
  'exchange:enrolPreview': { purpose: 'trust' },
  'exchange:enrol': { token, fingerprint: 'abc' },
  'exchange:trust': { token, fingerprint: 'abc' },
  'exchange:enrolled': { role: 'sender' },
  'exchange:exports': {},
  'exchange:export': {},
  'exchange:verify': {},
  'exchange:importPreview': {},
  'exchange:importCommit': { token },
  'exchange:acceptStream': { reason: 'The school restored its backup' },
  'muni:schools': {},
  'muni:plans': { schoolId: id },
  'muni:counts': {},
  'decisions:overview': {},
  'decisions:forPlan': { planId: id },
  'decisions:receivedProjects': {},
  'decisions:importPreview': {},
  'decisions:importCommit': { token },
  'exchange:statePreview': {},
  'state:reporters': {},
  'state:counts': {},

  'print:savePdf': { fileName: 'plans.pdf' },

  'journal:choose': {},
  'journal:preview': { token },
  'journal:import': { token },
  'journal:presets': {},
  'journal:deletePreset': { name: 'nav' },
  'journal:thresholds': {},
  'journal:saveThresholds': { thresholds: null },
  'journal:signalMap': {},
  'journal:trend': { studentId: id },
  'journal:suggestions': {},
  'backups:list': {},
  'backups:create': {},
  'backups:setKeep': { keep: 3 },
  'backups:restore': { name: 'pumpurs-manual-v0006-2025-10-15T08-00-00-000Z.sqlite' },
  'retention:status': {},
  'retention:setYears': { years: 5 },
  'retention:deleteDue': { expected: 1 },
  'audit:status': {},
  'audit:list': { person: 'k', action: 'signIn', from: '2025-01-01', to: '2025-12-31' },
  'audit:exportXlsx': {},

  'decisions:queue': {},
  'decisions:review': { schoolId: '4313900456', planId: id },
  'decisions:decide': { schoolId: '4313900456', planId: id, outcome: 'returned', comment: 'Lūdzu pamatot' },
  'decisions:settings': {},
  'decisions:saveSettings': { approvalPolicy: 'compensation', rates: [], deadlines: ['2025-10-01'], youthProjectCapCents: 460000 },
  'decisions:budget': {},
  'decisions:setBudget': { kindCode: 'compensation.meals', cents: 100000 },
  'decisions:payables': {},
  'decisions:payments': {},
  'decisions:recordPayment': { schoolId: '4313900456', planId: id, measureId: id, paidOn: day, cents: 1000, payee: 'guardian', reference: 'MU-1' },
  'decisions:exportXlsx': { report: 'payments' },
  'decisions:lateSchools': {},
  'decisions:youthProjects': {},
  'decisions:youthProjectParticipants': {},
  'decisions:saveYouthProject': { title: 'Jauniešu klubs', ngo: 'Biedrība', startsOn: '2025-10-01', endsOn: '2025-12-20', budgetCents: 100000 },
  'decisions:outbox': {},
  'decisions:exportFor': { schoolId: '4313900456' },
  'decisions:exportAll': {},
};

/** What a refusal looks like: no session, no permission, or the channel does not belong in this mode. */
const REFUSED = new Set(['FORBIDDEN', 'NOT_SIGNED_IN']);
type Reply = { ok: boolean; error?: { code: string; messageKey: string } };
const refused = (r: Reply) => !r.ok && REFUSED.has(r.error?.code ?? '');

function expected(channel: Channel, mode: Mode, roles: readonly Role[] | null): boolean {
  const access: Access = contract[channel].access;
  if (access.kind === 'public') return true;
  if (roles === null || !access.modes.includes(mode)) return false;
  return can(roles, access.permission) && can(roles, FINER[channel] ?? access.permission);
}

/** signOut last, so it does not end the session the other calls use. */
const ORDERED = [...CHANNELS.filter((c) => c !== 'auth:signOut'), 'auth:signOut' as const];
const password = 'droša parole 1';

let tmp: TempDir;
const apps = new Map<Mode, AppInstance>();

async function makeApp(mode: Mode): Promise<AppInstance> {
  const paths = pathsFor(join(tmp.dir, mode), join(import.meta.dirname, '..', '..', '..', 'resources'));
  const app = await createApp(
    {
      paths,
      clock: fixedClock('2025-10-15T08:00:00.000Z'),
      log: silentLogger,
      secrets: createFileSecretStore(paths.secretsDir),
      dialogs: createScriptedDialogs(),
      appVersion: 'test',
    },
    { hashParams: FAST_SCRYPT },
  );
  const call = (channel: string, input: unknown) => app.router.invoke(channel, input, ctx('setup'));
  const coordinator = { username: 'koord', displayName: 'K', password };
  const set =
    mode === 'school'
      ? await call('org:setUp', {
          profile: { name: 'Madonas pilsētas vidusskola', regNo: '4313900456', municipality: 'Madonas novads', schoolType: 'general' },
          coordinator,
        })
      : await call('org:setUpAuthority', { profile: { mode: 'municipality', municipality: 'Madonas novads' }, coordinator });
  expect(set.ok).toBe(true);
  for (const role of ROLES) {
    if (role !== 'coordinator') expect((await call('staff:create', { username: `u-${role}`, displayName: role, password, roles: [role] })).ok).toBe(true);
  }
  return app;
}

const ctx = (clientId: string): CallContext => ({ clientId, emit: () => undefined });

beforeAll(async () => {
  tmp = await makeTempDir('pumpurs-authz-');
  apps.set('school', await makeApp('school'));
  apps.set('municipality', await makeApp('municipality'));
}, 120_000);
afterAll(async () => {
  for (const app of apps.values()) await app.close();
  await tmp.remove();
});

describe('authorization', () => {
  it('has a valid minimal input for every channel', () => {
    for (const channel of CHANNELS) {
      expect(INPUTS[channel], channel).toBeDefined();
      expect(contract[channel].input.safeParse(INPUTS[channel]).success, channel).toBe(true);
    }
  });

  it('declares public exactly the channels listed with their reason, and every other channel for some mode', () => {
    expect(CHANNELS.filter((c) => contract[c].access.kind === 'public').sort()).toEqual([...PUBLIC_CHANNELS].sort());
    for (const channel of CHANNELS) {
      const access: Access = contract[channel].access;
      if (access.kind === 'signedIn') expect(access.modes.length, channel).toBeGreaterThan(0);
    }
  });

  for (const mode of ['school', 'municipality'] as const) {
    for (const role of [null, ...ROLES]) {
      it(`${mode}: ${role ?? 'nobody signed in'} is refused exactly what the roles table refuses`, async () => {
        const app = apps.get(mode) as AppInstance;
        const client = `${mode}-${role ?? 'nobody'}`;
        if (role !== null) {
          const signIn = await app.router.invoke('auth:signIn', { username: role === 'coordinator' ? 'koord' : `u-${role}`, password }, ctx(client));
          expect(signIn.ok).toBe(true);
        }
        const wrong: string[] = [];
        for (const channel of ORDERED) {
          const reply = (await app.router.invoke(channel, INPUTS[channel], ctx(client))) as Reply;
          const allowed = expected(channel, mode, role === null ? null : [role]);
          if (allowed === refused(reply))
            wrong.push(`${channel}: ${allowed ? 'refused' : 'allowed'} (${reply.ok ? 'ok' : `${reply.error?.code} ${reply.error?.messageKey}`})`);
        }
        expect(wrong).toEqual([]);
      });
    }
  }
});

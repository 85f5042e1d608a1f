/**
 * Who may call what, through the real router, services and SQLite file: one
 * row per channel in the contract (a new channel without a row fails here),
 * called with a minimal valid input by nobody and by each role, in a school
 * and in a municipality installation. "Refused" is FORBIDDEN or
 * NOT_SIGNED_IN (or, for a channel that does not belong in the mode, the
 * mode's own refusal); an allowed call may still fail for other reasons
 * (NOT_FOUND, VALIDATION on the service's own rules, a cancelled dialog)
 * and is only checked not to be refused.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, ROLES, type Permission, type Role } from '../../../src-shared/domain/roles';
import { CHANNELS, contract, type Channel } from '../../../src-shared/ipc/contract/index';
import { createApp, type AppInstance } from '../../app/create-app';
import { makeTempDir, type TempDir } from '../../db/testing/temp-db';
import { fixedClock } from '../../ports/clock';
import { createScriptedDialogs } from '../../ports/dialogs';
import { silentLogger } from '../../ports/logger';
import { pathsFor } from '../../ports/paths';
import { createFileSecretStore } from '../../ports/secret-store';
import type { CallContext } from '../router';

type Mode = 'school' | 'municipality';

/**
 * public: anyone, signed in or not.
 *   app:info, catalog:municipalities, org:get: what the first screen needs before anyone can sign in
 *     (set up or not, the app version, the municipality list of the set-up form); no personal data.
 *   org:setUp, org:setUpAuthority: the first run, before any account exists; refused once set up.
 *   auth:signIn, auth:current: signing in and asking whether one is.
 *   auth:signOut: ends the caller's own session, if any; nothing to protect.
 * Otherwise the permission(s) of src-shared/domain/roles.ts (any one of them), in the modes listed.
 */
type Rule = 'public' | { any: Permission[]; modes: Mode[] };
const BOTH: Mode[] = ['school', 'municipality'];
const school = (...any: Permission[]): Rule => ({ any, modes: ['school'] });
const everywhere = (...any: Permission[]): Rule => ({ any, modes: BOTH });
const authority = (...any: Permission[]): Rule => ({ any, modes: ['municipality'] });

const id = 'nav-tada';
const token = '0'.repeat(32);
const day = '2025-10-01';
const guardian = { name: 'G', relation: 'mother' };
const student = { firstName: 'A', lastName: 'B', personalCode: '010111-11111', gender: 'female', educationLevel: 'general', grade: 5 };

const RULES: { [C in Channel]: { rule: Rule; input: unknown } } = {
  'app:info': { rule: 'public', input: {} },
  'catalog:municipalities': { rule: 'public', input: {} },
  'org:get': { rule: 'public', input: {} },
  'org:saveSchoolProfile': { rule: school('school.admin'), input: { name: 'Madonas pilsētas vidusskola', regNo: '4313900456', municipality: 'Madonas novads', schoolType: 'general' } },
  'org:setUp': { rule: 'public', input: { profile: { name: 'X', regNo: '4313900456', municipality: 'Madonas novads', schoolType: 'general' }, coordinator: { username: 'otrs', displayName: 'O', password: 'droša parole 2' } } },
  'org:setUpAuthority': { rule: 'public', input: { profile: { mode: 'state' }, coordinator: { username: 'otrs', displayName: 'O', password: 'droša parole 2' } } },
  'auth:signIn': { rule: 'public', input: { username: 'neviens', password: 'nepareiza parole' } },
  'auth:signOut': { rule: 'public', input: {} },
  'auth:current': { rule: 'public', input: {} },

  'staff:list': { rule: everywhere('school.read'), input: {} },
  'staff:create': { rule: everywhere('school.admin'), input: { username: 'jauns', displayName: 'J', password: 'droša parole 3', roles: ['readOnly'] } },
  'staff:update': { rule: everywhere('school.admin'), input: { id, displayName: 'J' } },
  'staff:resetPassword': { rule: everywhere('school.admin'), input: { id, password: 'droša parole 4' } },
  'calendar:list': { rule: everywhere('school.read'), input: {} },
  'calendar:current': { rule: everywhere('school.read'), input: {} },
  'calendar:saveYear': {
    rule: everywhere('school.admin'),
    input: { id: '2030/31', startsOn: '2030-09-01', endsOn: '2031-08-31', semesters: [{ startsOn: '2030-09-02', endsOn: '2030-12-20' }, { startsOn: '2031-01-06', endsOn: '2031-05-30' }] },
  },

  'students:list': { rule: school('school.read'), input: {} },
  'students:get': { rule: school('school.read'), input: { id } },
  'students:create': { rule: school('student.write'), input: student },
  'students:update': { rule: school('student.write'), input: { ...student, id, version: 1 } },
  'students:setGuardians': { rule: school('student.write'), input: { studentId: id, version: 1, guardians: [guardian] } },
  'risks:catalogue': { rule: school('school.read'), input: {} },
  'risks:add': { rule: school('school.admin'), input: { group: 'school', labelLv: 'Jauns', labelEn: 'New' } },
  'risks:retire': { rule: school('school.admin'), input: { id } },
  'risks:delete': { rule: school('school.admin'), input: { id } },

  'screening:get': { rule: school('school.read'), input: { studentId: id, semesterId: '2025/26-1' } },
  'screening:save': { rule: school('screening.write'), input: { studentId: id, semesterId: '2025/26-1', answers: [] } },
  'screening:riskSummary': { rule: school('school.read'), input: {} },
  'riskLevel:getRule': { rule: school('school.read'), input: {} },
  'riskLevel:saveRule': { rule: school('school.admin'), input: { rule: null } },
  'plans:get': { rule: school('school.read'), input: { planId: id } },
  'plans:listForStudent': { rule: school('school.read'), input: { studentId: id } },
  'plans:create': { rule: school('plan.write'), input: { studentId: id, semesterId: '2025/26-1' } },
  'plans:update': { rule: school('plan.write'), input: { planId: id, version: 1, goals: '', consent: null, measures: [] } },
  // Approving is the director's alone (and never their own plan: plan-service.test.ts).
  'plans:transition': { rule: school('plan.approve'), input: { planId: id, version: 1, action: 'approve' } },
  'plans:delete': { rule: school('plan.write'), input: { planId: id, version: 1 } },
  'plans:startNext': { rule: school('plan.write'), input: { previousPlanId: id } },
  'plans:listWaiting': { rule: school('school.read'), input: {} },
  'plans:summary': { rule: school('school.read'), input: {} },
  'plans:listOpen': { rule: school('school.read'), input: {} },
  'measureKinds:list': { rule: everywhere('school.read'), input: {} },
  'measureKinds:update': {
    rule: school('school.admin'),
    input: { kinds: [{ code: 'consult.test', category: 'consultation', labelLv: 'T', labelEn: 'T', rateCents: null, capCents: null, active: false }] },
  },
  'deliveries:listForPlan': { rule: school('school.read'), input: { planId: id } },
  'deliveries:add': { rule: school('delivery.write'), input: { measureId: id, deliveredOn: day, minutes: 30 } },
  'deliveries:remove': { rule: school('delivery.write'), input: { deliveryId: id } },
  'deliveries:month': { rule: school('school.read'), input: {} },
  'deliveries:spending': { rule: school('school.read'), input: {} },
  'semesterEnd:get': { rule: school('school.read'), input: { planId: id } },
  'semesterEnd:save': { rule: school('outcome.write'), input: { planId: id, version: 1, measures: [], risks: [], studentOutcome: null } },
  'semesterEnd:close': { rule: school('outcome.write'), input: { planId: id, version: 1 } },

  'exchange:keys': { rule: everywhere('exchange.enrol'), input: {} },
  'exchange:exportCard': { rule: everywhere('exchange.enrol'), input: {} },
  'exchange:enrolPreview': { rule: everywhere('exchange.enrol'), input: { purpose: 'trust' } },
  'exchange:enrol': { rule: everywhere('exchange.enrol'), input: { token, fingerprint: 'abc' } },
  'exchange:trust': { rule: everywhere('exchange.enrol'), input: { token, fingerprint: 'abc' } },
  'exchange:enrolled': { rule: everywhere('exchange.enrol'), input: { role: 'sender' } },
  'exchange:export': { rule: everywhere('exchange.export'), input: {} },
  'exchange:verify': { rule: authority('exchange.import'), input: {} },
  'exchange:importPreview': { rule: authority('exchange.import'), input: {} },
  'exchange:importCommit': { rule: authority('exchange.import'), input: { token } },
  'muni:schools': { rule: authority('imported.read'), input: {} },
  'muni:plans': { rule: authority('imported.read'), input: { schoolId: id } },
  'muni:counts': { rule: authority('imported.read'), input: {} },

  'print:savePdf': { rule: everywhere('school.read'), input: { fileName: 'plans.pdf' } },

  'backups:list': { rule: everywhere('school.admin'), input: {} },
  'backups:create': { rule: everywhere('school.admin'), input: {} },
  'backups:restore': { rule: everywhere('school.admin'), input: { name: 'pumpurs-manual-v0006-2025-10-15T08-00-00-000Z.sqlite' } },
  'audit:status': { rule: everywhere('school.admin'), input: {} },
  'audit:list': { rule: everywhere('school.admin'), input: { person: 'k', action: 'signIn', from: '2025-01-01', to: '2025-12-31' } },
  'audit:exportXlsx': { rule: everywhere('school.admin'), input: {} },
};

/** What a refusal looks like: no session, no permission, or the channel does not belong in this mode. */
const REFUSED = new Set(['FORBIDDEN', 'NOT_SIGNED_IN']);
const WRONG_MODE_KEYS = new Set(['errors.exchange.importNotHere']);
type Reply = { ok: boolean; error?: { code: string; messageKey: string } };
const refused = (r: Reply) => !r.ok && (REFUSED.has(r.error?.code ?? '') || WRONG_MODE_KEYS.has(r.error?.messageKey ?? ''));

function expected(rule: Rule, mode: Mode, roles: readonly Role[] | null): boolean {
  if (rule === 'public') return true;
  if (roles === null || !rule.modes.includes(mode)) return false;
  return rule.any.some((p) => can(roles, p));
}

/** signOut last, so it does not end the session the other calls use. */
const ORDERED = [...CHANNELS.filter((c) => c !== 'auth:signOut'), 'auth:signOut' as const];
const password = 'droša parole 1';

let tmp: TempDir;
const apps = new Map<Mode, AppInstance>();

async function makeApp(mode: Mode): Promise<AppInstance> {
  const paths = pathsFor(join(tmp.dir, mode), join(import.meta.dirname, '..', '..', '..', 'resources'));
  const app = await createApp({ paths, clock: fixedClock('2025-10-15T08:00:00.000Z'), log: silentLogger, secrets: createFileSecretStore(paths.secretsDir), dialogs: createScriptedDialogs(), appVersion: 'test' });
  const call = (channel: string, input: unknown) => app.router.invoke(channel, input, ctx('setup'));
  const coordinator = { username: 'koord', displayName: 'K', password };
  const set =
    mode === 'school'
      ? await call('org:setUp', { profile: { name: 'Madonas pilsētas vidusskola', regNo: '4313900456', municipality: 'Madonas novads', schoolType: 'general' }, coordinator })
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
      expect(RULES[channel], channel).toBeDefined();
      expect(contract[channel].input.safeParse(RULES[channel].input).success, channel).toBe(true);
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
          const reply = (await app.router.invoke(channel, RULES[channel].input, ctx(client))) as Reply;
          const allowed = expected(RULES[channel].rule, mode, role === null ? null : [role]);
          if (allowed === refused(reply)) wrong.push(`${channel}: ${allowed ? 'refused' : 'allowed'} (${reply.ok ? 'ok' : `${reply.error?.code} ${reply.error?.messageKey}`})`);
        }
        expect(wrong).toEqual([]);
      });
    }
  }
});

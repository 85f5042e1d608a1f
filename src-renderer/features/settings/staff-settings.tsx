/**
 * Settings: staff accounts and their roles. Accounts are switched off, never
 * deleted (plans and the audit log point at them). The coordinator sets a
 * first password and can set a new one (which also lifts a lockout).
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES_BY_MODE, type Role } from '../../../src-shared/domain/roles';
import { PASSWORD_MIN_LENGTH, SPECIALIST_KINDS, type SpecialistKind, type StaffMember } from '../../../src-shared/domain/staff';
import { DataTable } from '../../ui/data-table';
import { Dialog } from '../../ui/dialog';
import { ErrorBanner } from '../../ui/error-banner';
import { Field, useFieldMessage } from '../../ui/field';
import { useSession } from '../../ui/session';
import { useToast } from '../../ui/toast';
import { useLoad, useSubmit } from '../../ui/use-api';
import { keyFromData } from '../../../src-shared/i18n/index';

type Editing = { kind: 'new' } | { kind: 'edit'; member: StaffMember } | { kind: 'password'; member: StaffMember } | null;

export function StaffSettings() {
  const { t } = useTranslation();
  const session = useSession();
  const staff = useLoad('staff:list', {});
  const [editing, setEditing] = useState<Editing>(null);
  const done = (changed: boolean) => {
    setEditing(null);
    if (changed) staff.reload();
  };

  return (
    <section className="card" aria-labelledby="settings-staff">
      <h2 id="settings-staff">{t('settings.staff.title')}</h2>
      <p className="muted">{t('settings.staff.intro')}</p>
      {staff.error ? <ErrorBanner error={staff.error} /> : null}
      <DataTable
        fit
        wrap
        rows={staff.data ?? []}
        rowKey={(member) => member.id}
        caption={t('settings.staff.caption')}
        rowClassName={(member) => (member.active ? undefined : 'row-off')}
        columns={[
          {
            key: 'name',
            label: t('settings.staff.name'),
            rowHeader: true,
            cell: (member) => (
              <>
                {member.displayName}
                {member.id === session.actor?.userId ? <span className="muted"> ({t('settings.staff.you')})</span> : null}
              </>
            ),
          },
          { key: 'username', label: t('signin.username'), cell: (member) => member.username },
          {
            key: 'roles',
            label: t('settings.staff.roles'),
            cell: (member) => (
              <>
                {member.roles.map((role) => t(`role.${role}`)).join(', ')}
                {member.specialistKind ? <span className="muted"> · {t(`specialistKind.${member.specialistKind}`)}</span> : null}
              </>
            ),
          },
          {
            key: 'state',
            label: t('settings.staff.state'),
            cell: (member) => (!member.active ? t('settings.staff.inactive') : member.lockedUntil ? t('settings.staff.locked') : t('settings.staff.active')),
          },
          {
            key: 'actions',
            label: t('settings.actions'),
            hideLabel: true,
            cellClassName: 'row-actions',
            cell: (member) => (
              <>
                <button type="button" onClick={() => setEditing({ kind: 'edit', member })} aria-label={`${t('settings.edit')}: ${member.displayName}`}>
                  {t('settings.edit')}
                </button>
                <button
                  type="button"
                  onClick={() => setEditing({ kind: 'password', member })}
                  aria-label={`${t('settings.staff.newPassword')}: ${member.displayName}`}
                >
                  {t('settings.staff.newPassword')}
                </button>
              </>
            ),
          },
        ]}
      />
      <div className="form-actions">
        <button type="button" className="primary" onClick={() => setEditing({ kind: 'new' })}>
          {t('settings.staff.add')}
        </button>
      </div>
      {editing?.kind === 'new' ? <MemberDialog member={null} onDone={done} /> : null}
      {editing?.kind === 'edit' ? <MemberDialog member={editing.member} onDone={done} /> : null}
      {editing?.kind === 'password' ? <PasswordDialog member={editing.member} onDone={done} /> : null}
    </section>
  );
}

function MemberDialog({ member, onDone }: { member: StaffMember | null; onDone(changed: boolean): void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const message = useFieldMessage();
  const { submit, busy, fieldErrors } = useSubmit();
  const [displayName, setDisplayName] = useState(member?.displayName ?? '');
  const [username, setUsername] = useState(member?.username ?? '');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<Role[]>(member?.roles ?? []);
  const [specialistKind, setSpecialistKind] = useState<SpecialistKind | ''>(member?.specialistKind ?? '');
  const [active, setActive] = useState(member?.active ?? true);
  // Each kind of installation offers its own roles (no plan authors at a municipality).
  const mode = useSession().organisation.mode;

  async function save(event: FormEvent) {
    event.preventDefault();
    const kind = specialistKind === '' ? null : specialistKind;
    const saved = member
      ? await submit('staff:update', { id: member.id, displayName, roles, specialistKind: kind, active })
      : await submit('staff:create', { displayName, username, password, roles, specialistKind: kind });
    if (saved) {
      toast.success(t('settings.saved'));
      onDone(true);
    }
  }

  const formId = 'staff-member-form';
  return (
    <Dialog
      title={member ? t('settings.staff.editTitle', { name: member.displayName }) : t('settings.staff.addTitle')}
      open
      onClose={() => onDone(false)}
      footer={
        <>
          <button type="button" onClick={() => onDone(false)}>
            {t('settings.cancel')}
          </button>
          <button type="submit" form={formId} className="primary" disabled={busy}>
            {t('settings.staff.save')}
          </button>
        </>
      }
    >
      <form id={formId} onSubmit={save} noValidate>
        <Field label={t('settings.staff.name')} errorKey={fieldErrors.displayName}>
          <input value={displayName} onChange={(e) => setDisplayName(e.target.value)} autoComplete="off" />
        </Field>
        {member ? null : (
          <>
            <Field label={t('signin.username')} errorKey={fieldErrors.username}>
              <input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="off" spellCheck={false} />
            </Field>
            <Field label={t('settings.staff.firstPassword')} hint={t('wizard.password.hint', { min: PASSWORD_MIN_LENGTH })} errorKey={fieldErrors.password}>
              <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />
            </Field>
          </>
        )}
        <fieldset aria-describedby={fieldErrors.roles ? 'staff-roles-error' : undefined}>
          <legend>{t('settings.staff.roles')}</legend>
          {ROLES_BY_MODE[mode].map((role) => (
            <label key={role} className="check">
              <input
                type="checkbox"
                checked={roles.includes(role)}
                onChange={(e) => setRoles((list) => (e.target.checked ? [...list, role] : list.filter((r) => r !== role)))}
              />
              <span>
                {t(`role.${role}`)} <span className="muted">— {t(keyFromData(mode === 'school' ? `roleHint.${role}` : `authorityRoleHint.${role}`))}</span>
              </span>
            </label>
          ))}
          {fieldErrors.roles ? (
            <small id="staff-roles-error" className="field-error" role="alert">
              {message(fieldErrors.roles)}
            </small>
          ) : null}
        </fieldset>
        {mode === 'school' ? (
          <Field label={t('settings.staff.specialistKind')} hint={t('settings.staff.specialistKind.hint')} errorKey={fieldErrors.specialistKind}>
            <select value={specialistKind} onChange={(e) => setSpecialistKind(e.target.value as SpecialistKind | '')}>
              <option value="">{t('settings.staff.noSpecialistKind')}</option>
              {SPECIALIST_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`specialistKind.${kind}`)}
                </option>
              ))}
            </select>
          </Field>
        ) : null}
        {member ? (
          <label className="check">
            <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
            <span>{t('settings.staff.activeCheck')}</span>
          </label>
        ) : null}
        {fieldErrors.active ? (
          <small className="field-error" role="alert">
            {message(fieldErrors.active)}
          </small>
        ) : null}
      </form>
    </Dialog>
  );
}

function PasswordDialog({ member, onDone }: { member: StaffMember; onDone(changed: boolean): void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const { submit, busy, fieldErrors, setFieldErrors } = useSubmit();
  const [password, setPassword] = useState('');
  const [password2, setPassword2] = useState('');

  async function save(event: FormEvent) {
    event.preventDefault();
    if (password !== password2) {
      setFieldErrors({ password2: 'wizard.password.mismatch' });
      return;
    }
    if (await submit('staff:resetPassword', { id: member.id, password })) {
      toast.success(t('settings.staff.passwordSet', { name: member.displayName }));
      onDone(true);
    }
  }

  const formId = 'staff-password-form';
  return (
    <Dialog
      title={t('settings.staff.passwordTitle', { name: member.displayName })}
      open
      onClose={() => onDone(false)}
      footer={
        <>
          <button type="button" onClick={() => onDone(false)}>
            {t('settings.cancel')}
          </button>
          <button type="submit" form={formId} className="primary" disabled={busy}>
            {t('settings.staff.setPassword')}
          </button>
        </>
      }
    >
      <form id={formId} onSubmit={save} noValidate>
        <p className="muted">{t('settings.staff.passwordIntro')}</p>
        <Field label={t('settings.staff.newPassword')} hint={t('wizard.password.hint', { min: PASSWORD_MIN_LENGTH })} errorKey={fieldErrors.password}>
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />
        </Field>
        <Field label={t('wizard.password2')} errorKey={fieldErrors.password2}>
          <input type="password" value={password2} onChange={(e) => setPassword2(e.target.value)} autoComplete="new-password" />
        </Field>
      </form>
    </Dialog>
  );
}

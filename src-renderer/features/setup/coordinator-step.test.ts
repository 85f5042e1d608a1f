import { describe, expect, it } from 'vitest';
import { accountProblems } from './coordinator-step';

describe('the set-up account step (issue 16, item 24)', () => {
  it('names every problem at once: a short password and a mismatch together, a bad user name too', () => {
    expect(accountProblems({ displayName: '', username: 'a b', password: 'īsa' }, 'cita')).toEqual({
      displayName: 'errors.field.required',
      username: 'errors.field.username',
      password: 'errors.field.passwordTooShort',
      password2: 'wizard.password.mismatch',
    });
  });
  it('finds nothing in a good account', () => {
    expect(accountProblems({ displayName: 'Anna Ozola', username: 'anna.ozola', password: 'kalni un upes 2025' }, 'kalni un upes 2025')).toEqual({});
  });
});

/**
 * Who is signed in, for which school, and what they may do. Screens read it
 * with `useSession()`; `can(permission)` hides what the services would refuse
 * anyway (the services still check).
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { Organisation } from '../../src-shared/domain/organisation';
import type { Actor, Permission } from '../../src-shared/domain/roles';

export interface SessionValue {
  organisation: Organisation;
  actor: Actor | null;
  /** Minutes without input before the screen locks; 0 = never. */
  idleMinutes: number;
  can(permission: Permission): boolean;
  /** Reloads the organisation (after the profile changed). */
  refresh(): void;
  signOut(): void;
  /** Ends this session and asks for another person's sign-in, keeping the page (see app.tsx). */
  switchUser(): void;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ value, children }: { value: SessionValue; children: ReactNode }) {
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

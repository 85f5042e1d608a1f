/** The student register. */
import type { studentChannels } from '../../../src-shared/ipc/contract/students';
import type { Handlers } from '../router';
import type { HandlerDeps } from './index';
import { signedInActor } from './signed-in';

export function studentHandlers({ services }: HandlerDeps): Pick<Handlers, keyof typeof studentChannels> {
  const { students, sessions } = services;
  return {
    'students:list': async (input, ctx) => students.list(await signedInActor(sessions, ctx), input),
    'students:get': async (input, ctx) => students.get(await signedInActor(sessions, ctx), input.id),
    'students:create': async (input, ctx) => students.create(await signedInActor(sessions, ctx), input),
    'students:update': async (input, ctx) => students.update(await signedInActor(sessions, ctx), input),
    'students:setGuardians': async (input, ctx) => students.setGuardians(await signedInActor(sessions, ctx), input),
  };
}

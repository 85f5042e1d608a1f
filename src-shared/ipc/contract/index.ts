/**
 * The whole IPC contract: every channel the renderer may call and every
 * event main may send. Each domain declares its channels in its own file;
 * this index is the one list the preload, the bridge and the router use.
 */
import { z } from 'zod';
import type { ChannelDef } from '../channel';
import { appChannels } from './app';
import { authChannels } from './auth';
import { calendarChannels } from './calendar';
import { dataSafetyChannels } from './data-safety';
import { decisionChannels } from './decisions';
import { exchangeChannels } from './exchange';
import { nationalChannels } from './national';
import { journalChannels } from './journal';
import { printChannels } from './print';
import { riskChannels } from './risks';
import { schoolDecisionChannels } from './school-decisions';
import { setUpChannels } from './set-up';
import { staffChannels } from './staff';
import { statisticsChannels } from './statistics';
import { studentChannels } from './students';
import { supportPlanChannels } from './support-plans';

export const contract = {
  ...appChannels,
  ...setUpChannels,
  ...authChannels,
  ...staffChannels,
  ...calendarChannels,
  ...studentChannels,
  ...riskChannels,
  ...supportPlanChannels,
  ...exchangeChannels,
  ...nationalChannels,
  ...printChannels,
  ...journalChannels,
  ...dataSafetyChannels,
  ...statisticsChannels,
  ...decisionChannels,
  ...schoolDecisionChannels,
} as const satisfies Record<string, ChannelDef>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
/** What the renderer sends (before zod defaults and transforms). */
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
/** What a handler receives (after parsing). */
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
/** What the renderer receives. */
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;

export const CHANNELS = Object.keys(contract) as Channel[];
export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/** Events main pushes to the renderer (progress of long work, session lock). */
export const events = {
  'task:progress': z.object({
    taskId: z.string(),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
    labelKey: z.string(),
  }),
  'session:changed': z.object({ signedIn: z.boolean() }),
} as const;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;
export const EVENT_NAMES = Object.keys(events) as EventName[];

/**
 * How a channel is declared: zod schemas both ways. Channel names are
 * `domain:verb`. The renderer is untrusted, so main parses every input and
 * also parses its own output before it leaves the process.
 */
import type { z } from 'zod';

export interface ChannelDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
}

export const channel = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): ChannelDef<I, O> => ({
  input,
  output,
});

export const CHANNEL_NAME = /^[a-z][a-zA-Z]*:[a-z][a-zA-Z]*$/;

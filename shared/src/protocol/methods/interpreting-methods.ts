import { z } from 'zod';
import { Id, ServiceSessionInfo } from '../../domain.ts';
import { Interpreter, InterpreterAssignment, InterpreterOffer, InterpreterRequest, InterpretingSkill } from '../../interpreting.ts';
import { method } from './method.ts';

/** What an interpreter's console needs after every (re)connect. */
export const InterpreterConsoleState = z.object({
  interpreter: Interpreter,
  available: z.boolean(),
  /** Requests ringing at this interpreter now. */
  offers: z.array(InterpreterOffer),
  /** Today's booked assignments. */
  assignments: z.array(InterpreterAssignment),
  /** The session the interpreter is in, if any (to rejoin after a reload). */
  session: ServiceSessionInfo.nullable(),
});
export type InterpreterConsoleState = z.infer<typeof InterpreterConsoleState>;

export const interpretingMethods = {
  'interpreter.state': method({
    summary: "The interpreter's profile, availability, ringing offers, today's booked assignments and current session.",
    roles: ['interpreter'],
    params: z.object({}).strict(),
    result: InterpreterConsoleState,
  }),
  'interpreter.setAvailability': method({
    summary: 'The interpreter is available for on-demand requests, or not. Only connected, available interpreters are rung.',
    roles: ['interpreter'],
    params: z.object({ available: z.boolean() }).strict(),
    result: z.object({ available: z.boolean() }),
  }),
  'interpreting.skills': method({
    summary:
      "Skills an agency can get an interpreter for: those of the interpreters of the providers it has a contract with. Experts ask for their own agency; the booth names the agency whose service the customer chose.",
    roles: ['expert', 'booth'],
    params: z.object({ agencyId: Id.optional() }).strict(),
    result: z.object({ skills: z.array(InterpretingSkill) }),
  }),
  'interpreting.request': method({
    summary:
      'The expert of an active or called session asks for an interpreter with a skill. Matching interpreters (contracted provider, available, not in a call) are rung in batches; progress is pushed as interpreting.requestChanged.',
    roles: ['expert'],
    params: z.object({ sessionId: Id, skill: InterpretingSkill }).strict(),
    result: z.object({ request: InterpreterRequest }),
  }),
  'interpreting.cancel': method({
    summary: 'The expert cancels an open interpreter request: every ring stops at once.',
    roles: ['expert'],
    params: z.object({ requestId: Id }).strict(),
    result: z.object({ request: InterpreterRequest }),
  }),
  'interpreting.accept': method({
    summary: 'A rung interpreter accepts. The first to accept joins the session; the others are told the request was answered elsewhere.',
    roles: ['interpreter'],
    params: z.object({ requestId: Id }).strict(),
    result: z.object({ session: ServiceSessionInfo, request: InterpreterRequest }),
  }),
  'interpreting.decline': method({
    summary: 'A rung interpreter declines; they are not rung again for this request.',
    roles: ['interpreter'],
    params: z.object({ requestId: Id }).strict(),
    result: z.object({}).strict(),
  }),
  'interpreting.leave': method({
    summary: 'The interpreter leaves the session; the customer and the expert go on.',
    roles: ['interpreter'],
    params: z.object({ sessionId: Id }).strict(),
    result: z.object({}).strict(),
  }),
  'interpreting.requests': method({
    summary: "The interpreter requests of a session (the expert's and the booth's view of them).",
    roles: ['expert', 'booth'],
    params: z.object({ sessionId: Id }).strict(),
    result: z.object({ requests: z.array(InterpreterRequest) }),
  }),
} as const;

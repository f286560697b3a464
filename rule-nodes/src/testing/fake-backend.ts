import type { ActionCall, ActionResponse, Backend } from '../protocol';

/** An answer to a call, or the reason the backend refuses it. */
type Answer = (call: ActionCall) => ActionResponse | { refused: string };

/** The default answer: the payload back, marked with the action that saw it. */
export const echo: Answer = (call) => ({ payload: { ...call.payload, done: call.type } });

/** A stand-in for the backend in node specs (Node-RED setting `BACKEND_SETTING`): records calls, answers as told. */
export class FakeBackend implements Backend {
  readonly received: ActionCall[] = [];
  answer: Answer = echo;

  act(call: ActionCall): Promise<ActionResponse> {
    this.received.push(call);
    const answer = this.answer(call);
    return 'refused' in answer ? Promise.reject(new Error(answer.refused)) : Promise.resolve(answer);
  }
}

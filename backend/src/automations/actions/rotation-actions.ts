import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AutomationsError } from '../automations.errors';
import { TriggerState } from '../trigger-state.entity';
import { text, type ActionContext, type ActionResult } from './action-context';

/** Tries before giving up when other runs keep moving the same rotation on. */
const ATTEMPTS = 20;

/**
 * The rotate node: each run takes the next of the node's values. The position is a counter kept
 * as the node's state row (automation + node), moved on by a conditional update so concurrent
 * runs each take their own turn, never the same one twice.
 */
@Injectable()
export class RotationActions {
  constructor(@InjectRepository(TriggerState) private readonly states: Repository<TriggerState>) {}

  async rotate(c: ActionContext): Promise<ActionResult> {
    const values = valuesOf(c);
    const turn = await this.takeTurn(c.automation.id, c.nodeId);
    return { payload: picked(c, values, turn) };
  }

  /** The value a run would take now, the position left where it is (a test of the draft). */
  async peek(c: ActionContext): Promise<ActionResult> {
    const values = valuesOf(c);
    const state = await this.states.findOneBy({ automationId: c.automation.id, nodeId: c.nodeId });
    return { payload: picked(c, values, Number(state?.cursor ?? 0)) };
  }

  private async takeTurn(automationId: string, nodeId: string): Promise<number> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const state = await this.states.findOneBy({ automationId, nodeId });
      if (!state) {
        try {
          await this.states.insert({ automationId, nodeId, cursor: '1' });
          return 0;
        } catch {
          continue; // another run started the rotation first: take the next turn
        }
      }
      const turn = Number(state.cursor);
      const moved = await this.states.update(
        { automationId, nodeId, cursor: state.cursor },
        { cursor: String(turn + 1) },
      );
      if (moved.affected) return turn;
    }
    throw new AutomationsError('ACTION_REFUSED', 'values: too many runs at once took a turn; run again');
  }
}

function valuesOf(c: ActionContext): string[] {
  const values = text(c.config.values)
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  if (!values.length) throw new AutomationsError('ACTION_REFUSED', 'values: no value to rotate through');
  return values;
}

function picked(c: ActionContext, values: string[], turn: number): Record<string, unknown> {
  const index = turn % values.length;
  return { ...c.payload, rotated: values[index], rotation: index + 1 };
}

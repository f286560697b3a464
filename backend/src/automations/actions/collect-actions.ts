import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AutomationsError } from '../automations.errors';
import { TriggerState } from '../trigger-state.entity';
import { text, type ActionContext, type ActionResult } from './action-context';

const KEPT = 100;
const ATTEMPTS = 20;
const refuse = (message: string) => new AutomationsError('ACTION_REFUSED', message);

/**
 * Collect and Take collected: a named list of lines kept per automation (a state row keyed
 * `list:<name>`), so items seen over the day become one digest post when a schedule fires. Each
 * change is a conditional update on the list as read, so concurrent runs lose no line and a take
 * never hands the same line on twice.
 */
@Injectable()
export class CollectActions {
  constructor(@InjectRepository(TriggerState) private readonly states: Repository<TriggerState>) {}

  async collect(c: ActionContext): Promise<ActionResult> {
    const line = text(c.config.item).trim();
    if (!line) throw refuse('item: the item text is empty');
    const kept = await this.change(c, (items) => [...items, line].slice(-KEPT));
    return { payload: { ...c.payload, collected: kept.after.length } };
  }

  async take(c: ActionContext): Promise<ActionResult> {
    const { before } = await this.change(c, () => []);
    if (!before.length) return { payload: { ...c.payload, items: [], itemsText: '', count: 0 }, port: 'none' };
    const itemsText = before.map((item) => `• ${item}`).join('\n');
    return { payload: { ...c.payload, items: before, itemsText, count: before.length }, port: 'out' };
  }

  /** The list a test of the draft would take, left as it is. */
  async peek(c: ActionContext): Promise<ActionResult> {
    const state = await this.states.findOneBy({ automationId: c.automation.id, nodeId: keyOf(c) });
    const items = state ? (JSON.parse(state.cursor) as string[]) : [];
    const payload = { ...c.payload, items, itemsText: items.map((i) => `• ${i}`).join('\n'), count: items.length };
    return { payload, port: items.length ? 'out' : 'none' };
  }

  private async change(c: ActionContext, next: (items: string[]) => string[]) {
    const automationId = c.automation.id;
    const nodeId = keyOf(c);
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const state = await this.states.findOneBy({ automationId, nodeId });
      if (!state) {
        const after = next([]);
        if (!after.length) return { before: [], after };
        try {
          await this.states.insert({ automationId, nodeId, cursor: JSON.stringify(after) });
          return { before: [], after };
        } catch {
          continue; // another run started the list first
        }
      }
      const before = JSON.parse(state.cursor) as string[];
      const after = next(before);
      const moved = await this.states.update(
        { automationId, nodeId, cursor: state.cursor },
        { cursor: JSON.stringify(after) },
      );
      if (moved.affected) return { before, after };
    }
    throw refuse('list: too many runs changed the list at once; run again');
  }
}

function keyOf(c: ActionContext): string {
  const name = text(c.config.list).trim();
  if (!name || name.length > 30) throw refuse(`list: "${name}" must be 1 to 30 characters`);
  return `list:${name}`;
}

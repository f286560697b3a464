import { Injectable } from '@nestjs/common';
import { WEEKDAYS } from '@socialorchestrator/rule-nodes';
import { DateTime } from 'luxon';
import { WorkspacesService } from '../../workspaces/workspaces.service';
import { AutomationsError } from '../automations.errors';
import { list, text, type ActionContext, type ActionResult } from './action-context';

/**
 * The day-check node: the weekday of a time in the workspace's zone (a weekend pause needs the
 * zone's Saturday, not the server's), and the start of the next day not chosen, for a delay.
 */
@Injectable()
export class DayCheckActions {
  constructor(private readonly workspaces: WorkspacesService) {}

  async dayCheck(c: ActionContext): Promise<ActionResult> {
    const zone = await this.workspaces.timeZoneOf(c.workspaceId);
    const at = text(c.config.at).trim();
    const time = at ? DateTime.fromISO(at, { zone }) : DateTime.now().setZone(zone);
    if (!time.isValid) throw new AutomationsError('ACTION_REFUSED', `at: "${at}" is not a date-time`);
    const days = list(c.config.days);
    const chosen = (t: DateTime) => days.includes(WEEKDAYS[t.weekday - 1]);
    let next = time.startOf('day').plus({ days: 1 });
    // Seven days at most: when every day is chosen there is no other day.
    for (let i = 0; i < 7 && chosen(next); i++) next = next.plus({ days: 1 });
    const payload = {
      ...c.payload,
      weekday: WEEKDAYS[time.weekday - 1],
      nextOtherDayAt: chosen(next) ? null : next.toISO(),
    };
    return { payload, port: chosen(time) ? 'match' : 'otherwise' };
  }
}

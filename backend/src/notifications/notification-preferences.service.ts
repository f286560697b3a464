import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { KIND_INFO, NOTIFICATION_KINDS, type NotificationChannel, type NotificationKind } from './notification-kinds';
import { NotificationPreference } from './notification-preference.entity';
import type { NotificationPreferenceDto, NotificationPreferenceInputDto } from './notification-preferences.dto';

/** How each person wants to be told, per kind; a kind never chosen uses its default. */
@Injectable()
export class NotificationPreferencesService {
  constructor(
    @InjectRepository(NotificationPreference) private readonly preferences: Repository<NotificationPreference>,
  ) {}

  async of(userId: string): Promise<NotificationPreferenceDto[]> {
    const chosen = new Map((await this.preferences.findBy({ userId })).map((p) => [p.kind, p.channel]));
    return NOTIFICATION_KINDS.map((kind) => ({
      kind,
      label: KIND_INFO[kind].label,
      channel: chosen.get(kind) ?? KIND_INFO[kind].channel,
      defaultChannel: KIND_INFO[kind].channel,
    }));
  }

  async update(userId: string, items: NotificationPreferenceInputDto[]): Promise<NotificationPreferenceDto[]> {
    // The last word per kind: one statement may not upsert a row twice (PostgreSQL refuses).
    const chosen = new Map(items.map((i) => [i.kind, i.channel]));
    if (chosen.size) {
      await this.preferences.upsert(
        [...chosen].map(([kind, channel]) => ({ userId, kind, channel })),
        ['userId', 'kind'],
      );
    }
    return this.of(userId);
  }

  /** Each person's channel for one kind. */
  async channelsOf(userIds: string[], kind: NotificationKind): Promise<Map<string, NotificationChannel>> {
    const chosen = await this.preferences.findBy({ userId: In(userIds), kind });
    const channels = new Map(userIds.map((id) => [id, KIND_INFO[kind].channel]));
    for (const p of chosen) channels.set(p.userId, p.channel);
    return channels;
  }
}

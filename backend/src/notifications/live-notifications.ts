import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { Observable, ReplaySubject, takeUntil } from 'rxjs';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

const CHANNEL = 'socialorchestrator:notifications';

/**
 * News for open bells. Every process signals its own bells at once; with `REDIS_URL` set the
 * signal also goes over Redis pub/sub, so a notification a worker writes reaches the bell an API
 * process holds open. A Redis outage only delays other processes' bells to their next refresh.
 */
@Injectable()
export class LiveNotifications implements BeforeApplicationShutdown {
  private readonly logger = new Logger(LiveNotifications.name);
  private readonly events = new EventEmitter();
  /** Replays its one signal, so a stream opened while the server closes ends at once too. */
  private readonly closing = new ReplaySubject<void>(1);
  /** Tells this process's own signals from the others' on the shared channel. */
  private readonly origin = randomUUID();
  private readonly publisher: Redis | null;
  /** Opened by the first bell that listens: a worker that only writes needs none. */
  private subscriber: Redis | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.events.setMaxListeners(0);
    this.publisher = config.redisUrl ? this.connect(config.redisUrl, 'publish') : null;
  }

  emit(userId: string, workspaceId: string): void {
    const key = `${workspaceId}:${userId}`;
    this.events.emit(key);
    this.publisher?.publish(CHANNEL, `${this.origin} ${key}`).catch(() => undefined); // logged by 'error'
  }

  /** Emits once at once, then after every new notification for this member. */
  watch(userId: string, workspaceId: string): Observable<void> {
    this.listenToOthers();
    return new Observable<void>((subscriber) => {
      const key = `${workspaceId}:${userId}`;
      const listener = () => subscriber.next();
      this.events.on(key, listener);
      subscriber.next();
      return () => this.events.off(key, listener);
    }).pipe(takeUntil(this.closing));
  }

  /** Ends every open stream (the server cannot close while a bell still listens) and Redis. */
  beforeApplicationShutdown(): void {
    this.closing.next();
    this.closing.complete();
    this.publisher?.disconnect();
    this.subscriber?.disconnect();
  }

  private listenToOthers(): void {
    if (this.subscriber || !this.config.redisUrl) return;
    this.subscriber = this.connect(this.config.redisUrl, 'subscribe');
    this.subscriber.on('message', (_channel: string, message: string) => {
      const [origin, key] = message.split(' ');
      if (origin !== this.origin && key) this.events.emit(key);
    });
    this.subscriber.subscribe(CHANNEL).catch(() => undefined); // logged by 'error'; resubscribed on reconnect
  }

  private connect(url: string, role: string): Redis {
    // No offline queue: a signal sent while Redis is away is dropped, not replayed minutes later.
    const redis = new Redis(url, { enableOfflineQueue: role === 'subscribe', maxRetriesPerRequest: 1 });
    redis.on('error', (error: Error) => this.logger.warn(`Redis for live notifications (${role}): ${error.message}`));
    return redis;
  }
}

import { DataSource, QueryFailedError, Repository } from 'typeorm';
import type { NetworkId } from '../network-limits';
import { NetworkUploadSession } from './upload-session.entity';

/** The uploads one network's publish attempts began, by idempotency key. */
export class UploadSessions {
  private readonly repo: Repository<NetworkUploadSession>;

  constructor(
    dataSource: DataSource,
    private readonly network: NetworkId,
  ) {
    this.repo = dataSource.getRepository(NetworkUploadSession);
  }

  find(idempotencyKey: string): Promise<NetworkUploadSession | null> {
    return this.repo.findOneBy({ network: this.network, idempotencyKey });
  }

  /**
   * Records a new upload. When another attempt recorded one for the same key first (two workers
   * after a lease ran out), that one wins and is returned: there is one upload per key.
   */
  async start(idempotencyKey: string, accountExternalId: string, sessionRef: string): Promise<NetworkUploadSession> {
    const row = this.repo.create({
      network: this.network,
      idempotencyKey,
      accountExternalId,
      sessionRef,
      state: 'started',
      externalId: null,
      progressAt: new Date(),
    });
    try {
      // insert, not save: save would overwrite the session another attempt recorded first.
      await this.repo.insert(row);
      return row;
    } catch (error) {
      if (!(error instanceof QueryFailedError)) throw error;
      const existing = await this.find(idempotencyKey);
      if (!existing) throw error;
      return existing;
    }
  }

  /** The network's handle once it answered (a session started before the call that creates it). */
  async setRef(idempotencyKey: string, sessionRef: string): Promise<void> {
    await this.repo.update({ network: this.network, idempotencyKey }, { sessionRef, progressAt: new Date() });
  }

  async progress(idempotencyKey: string): Promise<void> {
    await this.repo.update({ network: this.network, idempotencyKey }, { progressAt: new Date() });
  }

  async published(idempotencyKey: string, externalId: string): Promise<void> {
    await this.repo.update({ network: this.network, idempotencyKey }, { state: 'published', externalId });
  }

  /** The network no longer knows the upload (an expired session): the next attempt starts afresh. */
  async forget(idempotencyKey: string): Promise<void> {
    await this.repo.delete({ network: this.network, idempotencyKey });
  }
}

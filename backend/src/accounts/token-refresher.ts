import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, LessThan, Not, Repository } from 'typeorm';
import { BackgroundJobs } from '../jobs/background-jobs';
import { AccountConnectService } from './account-connect.service';
import { SocialAccount } from './social-account.entity';

export const REFRESH_TOKENS_JOB = 'accounts.refresh-tokens';
/** Tokens expiring within this window are renewed now, well before a post could need them. */
const REFRESH_AHEAD_MS = 24 * 3600_000;

/** Renews provider tokens ahead of expiry, every ten minutes, on whichever worker claims the run. */
@Injectable()
export class TokenRefresher implements OnModuleInit {
  constructor(
    @InjectRepository(SocialAccount) private readonly accounts: Repository<SocialAccount>,
    private readonly connect: AccountConnectService,
    private readonly jobs: BackgroundJobs,
  ) {}

  onModuleInit(): void {
    this.jobs.define(REFRESH_TOKENS_JOB, async () => void (await this.refreshDue()));
    this.jobs.every(REFRESH_TOKENS_JOB, '10 minutes');
  }

  /** Returns how many accounts it tried. */
  async refreshDue(now = new Date()): Promise<number> {
    const due = await this.accounts.findBy({
      status: 'active',
      deletedAt: IsNull(),
      refreshTokenSealed: Not(IsNull()),
      tokenExpiresAt: LessThan(new Date(now.getTime() + REFRESH_AHEAD_MS)),
    });
    for (const account of due) await this.connect.refresh(account);
    return due.length;
  }
}

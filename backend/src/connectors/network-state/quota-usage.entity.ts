import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * API units one account spent on one network's quota day (YouTube: a Pacific-time day). The quota
 * belongs to the server's app, so the ledger sums every account's row of the day.
 */
@Entity('network_quota_usage')
@Index('ix_network_quota_usage_day', ['network', 'day'])
export class NetworkQuotaUsage {
  @PrimaryColumn({ type: String, length: 20 })
  network: string;

  @PrimaryColumn({ type: String, length: 255 })
  accountExternalId: string;

  /** The quota day as YYYY-MM-DD in the network's own time zone. */
  @PrimaryColumn({ type: String, length: 10 })
  day: string;

  @Column({ type: Number })
  units: number;
}

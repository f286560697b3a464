import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * What a trigger node has already acted on — a feed item's guid/link, a variant that crossed a
 * metric threshold — so it never starts a second run for it.
 */
@Entity('automation_trigger_keys')
export class TriggerKey {
  @PrimaryColumn({ type: String, length: 36 })
  automationId: string;

  @PrimaryColumn({ type: String, length: 40 })
  nodeId: string;

  @PrimaryColumn({ type: String, length: 200 })
  itemKey: string;

  @CreateDateColumn()
  seenAt: Date;
}

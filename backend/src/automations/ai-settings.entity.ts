import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A workspace's OpenAI-compatible endpoint for AI captions; the key is sealed at rest. */
@Entity('automation_ai_settings')
export class AiSettings {
  @PrimaryColumn({ type: String, length: 36 })
  workspaceId: string;

  @Column({ type: String, length: 300 })
  baseUrl: string;

  @Column({ type: String, length: 100 })
  model: string;

  @Column({ type: 'text' })
  apiKeySealed: string;

  @UpdateDateColumn()
  updatedAt: Date;
}

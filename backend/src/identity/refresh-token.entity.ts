import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from './user.entity';

/**
 * One row per issued refresh token. Tokens of one sign-in share a family: presenting a token that
 * was already rotated means it leaked, so the whole family is revoked.
 */
@Entity('refresh_tokens')
export class RefreshToken {
  @PrimaryColumn({ type: String, length: 36 })
  id: string;

  @Column({ type: String, length: 36 })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId', foreignKeyConstraintName: 'fk_refresh_tokens_user' })
  user?: User;

  @Index('ix_refresh_tokens_family')
  @Column({ type: String, length: 36 })
  familyId: string;

  @Column({ type: String, length: 64 })
  secretHash: string;

  @Column({ type: Date })
  expiresAt: Date;

  @Column({ type: Date, nullable: true })
  revokedAt: Date | null;

  @Column({ type: String, length: 36, nullable: true })
  replacedById: string | null;

  @CreateDateColumn()
  createdAt: Date;
}

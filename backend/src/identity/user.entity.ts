import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

@Entity('users')
export class User {
  @PrimaryColumn({ type: String, length: 36 })
  id: string;

  /** Stored lower-cased: one account per address whatever its casing. */
  @Index('uq_users_email', { unique: true })
  @Column({ type: String, length: 320 })
  email: string;

  @Column({ type: String, length: 120 })
  name: string;

  @Column({ type: String, length: 255 })
  passwordHash: string;

  @CreateDateColumn()
  createdAt: Date;

  @UpdateDateColumn()
  updatedAt: Date;
}

import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** `roles`: built-in role keys or custom role ids. */
export interface ApprovalPolicy {
  required: boolean;
  roles: string[];
}

@Entity('workspaces')
export class Workspace {
  @PrimaryColumn({ type: String, length: 36 })
  id: string;

  @Column({ type: String, length: 120 })
  name: string;

  /** IANA zone; every schedule of the workspace is evaluated in it. */
  @Column({ type: String, length: 64 })
  timeZone: string;

  /** 0 = Sunday … 6 = Saturday. */
  @Column({ type: Number, default: 1 })
  firstDayOfWeek: number;

  @Column({ type: String, length: 2048, nullable: true })
  logoUrl: string | null;

  @Column({ type: String, length: 7, nullable: true })
  primaryColor: string | null;

  @Column({ type: String, length: 7, nullable: true })
  accentColor: string | null;

  /** Local "HH:mm" times offered first when scheduling. */
  @Column({ type: 'simple-json' })
  defaultPostingTimes: string[];

  /** Posts held for approval before they are scheduled: all (`required`) or those by members of `roles`. */
  @Column({ type: 'simple-json', nullable: true })
  approvalPolicy: ApprovalPolicy | null;

  @CreateDateColumn()
  createdAt: Date;

  @UpdateDateColumn()
  updatedAt: Date;
}

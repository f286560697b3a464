import { ActivityEntry } from '../activity/activity-entry.entity';
import { ApiKey } from '../api-keys/api-key.entity';
import { PasswordResetToken } from '../identity/password-reset-token.entity';
import { RefreshToken } from '../identity/refresh-token.entity';
import { User } from '../identity/user.entity';
import { Invite } from '../invites/invite.entity';
import { AgendaJob } from '../jobs/agenda-job.entity';
import { OutboxEmail } from '../mail/outbox-email.entity';
import { CustomRole } from '../workspaces/custom-role.entity';
import { Membership } from '../workspaces/membership.entity';
import { Workspace } from '../workspaces/workspace.entity';
import { Foundation1764028800000 } from './migrations/1764028800000-Foundation';
import { AgendaJobs1764115200000 } from './migrations/1764115200000-AgendaJobs';

/** Every entity and migration, listed once so the app, the CLI data source and tests agree. */
export const ENTITIES = [
  User,
  RefreshToken,
  PasswordResetToken,
  Workspace,
  Membership,
  CustomRole,
  Invite,
  ApiKey,
  ActivityEntry,
  OutboxEmail,
  AgendaJob,
];

export const MIGRATIONS = [Foundation1764028800000, AgendaJobs1764115200000];

import { AnalyticsAccountDay } from './analytics-account-day.entity';
import { AnalyticsAccount } from './analytics-account.entity';
import { AnalyticsBestTimeCell } from './analytics-best-time-cell.entity';
import { AnalyticsHashtagDay } from './analytics-hashtag-day.entity';
import { AnalyticsPostDay } from './analytics-post-day.entity';
import { AnalyticsPostHashtag } from './analytics-post-hashtag.entity';
import { AnalyticsPost } from './analytics-post.entity';
import { CompetitorDay } from './competitor-day.entity';
import { Competitor } from './competitor.entity';
import { PostMetricSnapshot } from './post-metric-snapshot.entity';
import { AnalyticsWorkspaceDay } from './analytics-workspace-day.entity';

/** The analytics context's tables. */
export const ANALYTICS_ENTITIES = [
  AnalyticsPost,
  AnalyticsPostHashtag,
  PostMetricSnapshot,
  AnalyticsPostDay,
  AnalyticsAccountDay,
  AnalyticsWorkspaceDay,
  AnalyticsHashtagDay,
  AnalyticsBestTimeCell,
  Competitor,
  CompetitorDay,
  AnalyticsAccount,
];

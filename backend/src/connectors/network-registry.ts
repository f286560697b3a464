import { BLUESKY_LIMITS } from './bluesky/bluesky.limits';
import { FACEBOOK_LIMITS } from './facebook/facebook.limits';
import { GOOGLE_BUSINESS_LIMITS } from './google-business/google-business.limits';
import { INSTAGRAM_LIMITS } from './instagram/instagram.limits';
import { LINKEDIN_LIMITS } from './linkedin/linkedin.limits';
import { MASTODON_LIMITS } from './mastodon/mastodon.limits';
import { NetworkId, NetworkLimits } from './network-limits';
import { PINTEREST_LIMITS } from './pinterest/pinterest.limits';
import { SANDBOX_LIMITS } from './sandbox/sandbox.limits';
import { TELEGRAM_LIMITS } from './telegram/telegram.limits';
import { THREADS_LIMITS } from './threads/threads.limits';
import { TIKTOK_LIMITS } from './tiktok/tiktok.limits';
import { WORDPRESS_LIMITS } from './wordpress/wordpress.limits';
import { X_LIMITS } from './x/x.limits';
import { YOUTUBE_LIMITS } from './youtube/youtube.limits';

/** Every network's limits by id; generic code looks networks up here and never names one. */
export const NETWORK_LIMITS: Record<NetworkId, NetworkLimits> = {
  sandbox: SANDBOX_LIMITS,
  facebook: FACEBOOK_LIMITS,
  instagram: INSTAGRAM_LIMITS,
  x: X_LIMITS,
  linkedin: LINKEDIN_LIMITS,
  bluesky: BLUESKY_LIMITS,
  mastodon: MASTODON_LIMITS,
  threads: THREADS_LIMITS,
  telegram: TELEGRAM_LIMITS,
  wordpress: WORDPRESS_LIMITS,
  pinterest: PINTEREST_LIMITS,
  youtube: YOUTUBE_LIMITS,
  tiktok: TIKTOK_LIMITS,
  'google-business': GOOGLE_BUSINESS_LIMITS,
};

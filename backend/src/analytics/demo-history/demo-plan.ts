import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import type { PostType } from '../../connectors/network-limits';

/** How far back the demo history reaches, in the workspace's days. */
export const DEMO_DAYS = 90;

/** What a demo post carries beside its text: the media kind decides its post type. */
export type DemoMediaKind = 'image' | 'video' | null;

/** One past post of the demo history, before it is written anywhere. */
export interface DemoPost {
  /** Stable for the account, day and slot: the Sandbox's idempotency key, so a second load skips it. */
  key: string;
  accountId: string;
  publishedAt: Date;
  text: string;
  postType: PostType;
  mediaKind: DemoMediaKind;
  link: string | null;
  labels: string[];
  /** Index into the authors handed to the plan. */
  author: number;
}

/** The demo key prefix in sandbox_posts.idempotencyKey. */
export const DEMO_KEY = 'demo:';

const OPENINGS = [
  'Fresh from the kitchen: our autumn soup is back',
  'Five minutes with Lea, who roasts every bean we pour',
  'Three tips for a better brew at home',
  'Behind the counter at 6 am, before the doors open',
  'Our new oat latte, tested on the whole team',
  'What you told us this month, and what we changed',
  'A quiet corner, a good book and a cinnamon roll',
  'Meet the farmers behind our single-origin beans',
  'Sunday brunch: the menu for this weekend',
  'We switched to compostable cups: here is why',
  'Your photos of the week, thank you for sharing',
  'Doors open late on Thursday for the live music night',
  'How we make our sourdough, step by step',
  'The story behind our logo, told by its designer',
  'Small batch, big taste: the new seasonal blend',
  'A look back at the summer pop-up',
];
const CLOSINGS = [
  'Come and say hi!',
  'Which one is your favourite?',
  'Tell us what you think below.',
  'See you soon.',
  'Share it with a coffee lover.',
  '',
];
const HASHTAGS = [
  '#coffee',
  '#brunch',
  '#behindthescenes',
  '#newmenu',
  '#team',
  '#weekend',
  '#tips',
  '#sustainability',
  '#localfood',
  '#community',
];
const LABELS = ['Product', 'Team', 'Events', 'Tips'];
/**
 * Hours a team tends to post at (local): office hours and evenings, some early or late ones. A
 * handful of hours, as teams keep to a rhythm, so 90 days give most of them enough posts for the
 * best-times heatmap to rate.
 */
const HOURS = [7, 8, 9, 9, 10, 10, 11, 12, 13, 15, 17, 18, 19, 20, 21, 22];

const dice = (text: string) => createHash('sha256').update(text).digest();

/**
 * The demo posts of one account over the DEMO_DAYS local days before `now` (and earlier today):
 * one to four a day, at varied local hours, with 0–6 hashtags, text, images or videos, links,
 * labels and authors — all from the account id and the day, so the same workspace always gets the
 * same history and a second load finds the posts it already wrote by their keys.
 */
export function demoPlan(accountId: string, now: Date, timeZone: string, authors: number): DemoPost[] {
  const today = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day');
  const posts: DemoPost[] = [];
  for (let back = DEMO_DAYS; back >= 0; back--) {
    const day = today.minus({ days: back });
    const isoDay = day.toISODate()!;
    const roll = dice(`${accountId}:${isoDay}`);
    // Two to four posts a weekday; weekends are quieter, one or two.
    const count = day.weekday >= 6 ? 1 + (roll[0] % 2) : 2 + (roll[0] % 3);
    for (let slot = 0; slot < count; slot++) {
      const d = dice(`${accountId}:${isoDay}:${slot}`);
      const publishedAt = day.set({ hour: HOURS[d[0] % HOURS.length], minute: d[1] % 60 }).toJSDate();
      if (publishedAt.getTime() > now.getTime()) continue;
      posts.push(demoPost(`${DEMO_KEY}${isoDay}:${slot}`, accountId, publishedAt, d, authors));
    }
  }
  return posts;
}

function demoPost(key: string, accountId: string, publishedAt: Date, d: Buffer, authors: number): DemoPost {
  const media = d[2] % 10; // 0–3 text, 4–7 image, 8–9 video
  const mediaKind: DemoMediaKind = media < 4 ? null : media < 8 ? 'image' : 'video';
  const withLink = mediaKind === null && d[3] % 2 === 0;
  const tags = pick(HASHTAGS, d[4] % 7, d[5]);
  const closing = CLOSINGS[d[6] % CLOSINGS.length];
  const text = [`${OPENINGS[d[7] % OPENINGS.length]}.`, closing, tags.join(' ')].filter(Boolean).join(' ');
  return {
    key,
    accountId,
    publishedAt,
    text,
    postType: mediaKind === 'video' ? 'video' : mediaKind === 'image' ? 'photo' : withLink ? 'link' : 'status',
    mediaKind,
    link: withLink ? `https://example.com/blog/${d.readUInt16BE(8)}` : null,
    labels: d[10] % 3 === 0 ? [LABELS[d[11] % LABELS.length]] : [],
    author: authors > 0 ? d[12] % authors : 0,
  };
}

/** `count` distinct items of the list, starting from `start` and stepping through it. */
function pick<T>(items: T[], count: number, start: number): T[] {
  return Array.from({ length: Math.min(count, items.length) }, (_, i) => items[(start + i * 3) % items.length]);
}

import type { PostState } from './post.entity';
import type { VariantState } from './post-variant.entity';

/**
 * A post's state follows its variants: publishing while any is, failed when any failed or needs a
 * person, published when all went out, scheduled while any waits. Approval is set explicitly.
 */
export function postStateOf(variants: VariantState[], current: PostState): PostState {
  if (variants.includes('publishing')) return 'publishing';
  if (variants.some((s) => s === 'failed' || s === 'needs_review')) return 'failed';
  if (variants.length > 0 && variants.every((s) => s === 'published')) return 'published';
  if (variants.includes('scheduled')) return 'scheduled';
  if (variants.includes('published')) return 'published';
  return current === 'pending_approval' ? 'pending_approval' : 'draft';
}

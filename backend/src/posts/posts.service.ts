import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { Brackets, DataSource, WhereExpressionBuilder, EntityManager, In, Repository } from 'typeorm';
import type { Principal } from '../access/access-context';
import { SocialAccount } from '../accounts/social-account.entity';
import { ActivityAction, ActivityService } from '../activity/activity.service';
import { notFound } from '../common/common.errors';
import { DomainError } from '../common/domain-error';
import {
  POST_APPROVAL_MOVE,
  POST_TEXTS_SAVED,
  type PostApprovalMoveEvent,
  type PostTextsSavedEvent,
} from '../common/domain-events';
import { newId } from '../common/ids';
import { Page } from '../common/pagination';
import type { MediaFacts } from '../connectors/network-limits';
import { MediaItem } from '../media/media-item.entity';
import { NETWORK_LIMITS } from '../connectors/network-registry';
import { PublishJob } from '../publishing/publish-job.entity';
import { Schedule } from '../scheduling/schedule.entity';
import { Membership } from '../workspaces/membership.entity';
import { Workspace } from '../workspaces/workspace.entity';
import { Approval } from '../approvals/approval.entity';
import { Label } from './label.entity';
import { PlannedSchedule, PlannedVariant, PostPlanner } from './post-planner';
import { labelColor } from './post-rows';
import { postTitle } from './post-title';
import { postStateOf } from './post-state';
import type { PostState } from './post.entity';
import { PostParts, postDto } from './post-view';
import { PostLabel } from './post-label.entity';
import { PostVariant } from './post-variant.entity';
import { indexVariantMedia, VariantMedia } from './post-variant-media';
import { Post, PostSource } from './post.entity';
import {
  CreatePostDto,
  LabelDto,
  VariantPreviewDto,
  PostDto,
  PostListQueryDto,
  ScheduleInputDto,
  UpdatePostDto,
} from './posts.dto';
import { PostsError } from './posts.errors';
import { insertRows } from '../database/insert-rows';
import { inTransaction } from '../database/transactions';

/** Posts and their variants: compose, edit, schedule, list. Publishing itself is the publishing context's. */
@Injectable()
export class PostsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Post) private readonly posts: Repository<Post>,
    @InjectRepository(PostVariant) private readonly variants: Repository<PostVariant>,
    private readonly planner: PostPlanner,
    private readonly activity: ActivityService,
    private readonly events: EventEmitter2,
  ) {}

  async create(workspaceId: string, actor: Principal, dto: CreatePostDto, source?: PostSource): Promise<PostDto> {
    return this.get(workspaceId, await this.add(workspaceId, actor, dto, source));
  }

  /** Creates the post and returns its id, for callers that need no view of it (automations). */
  /** `live`: the workspace's live accounts, when the caller has just read them. */
  async add(
    workspaceId: string,
    actor: Principal,
    dto: CreatePostDto,
    source?: PostSource,
    live?: SocialAccount[],
  ): Promise<string> {
    const planned = await this.planner.variantsFor(workspaceId, dto.text, dto.variants, live);
    const checked = dto.schedule ? await this.plan(workspaceId, dto.schedule, planned, null) : null;
    // Automations have their own approval step; the composer's and the API's posts follow the policy.
    const held =
      checked && source !== 'automation' && (await this.needsApproval(workspaceId, actor)) ? dto.schedule! : null;
    const plan = held ? null : checked;
    const post = this.posts.create({
      id: newId(),
      workspaceId: workspaceId,
      authorId: actor.userId,
      title: dto.title ?? null,
      text: dto.text,
      state: plan ? 'scheduled' : 'draft',
      source: source ?? (actor.kind === 'api_key' ? 'api' : 'composer'),
    });
    await inTransaction(this.dataSource, async (em) => {
      await insertRows(em, Post, [post]);
      await this.setLabels(em, post, dto.labels ?? [], true);
      await this.writeVariants(em, post, planned, plan, [], 'new');
      await this.record(workspaceId, actor, plan ? 'post.scheduled' : 'post.created', post, em, plan);
    });
    await this.announceTexts(workspaceId, post.id, [dto.text, ...planned.map((v) => v.input.text ?? '')]);
    if (held) await this.announceApprovalMove(workspaceId, actor, post.id, true, held);
    return post.id;
  }

  /** What the composer shows while typing: each variant's count against its network's limit, and its problems. */
  async preview(workspaceId: string, dto: CreatePostDto): Promise<VariantPreviewDto[]> {
    const planned = await this.planner.variantsFor(workspaceId, dto.text, dto.variants);
    return planned.map((v) => {
      const limits = NETWORK_LIMITS[v.account.network];
      return {
        accountId: v.account.id,
        network: v.account.network,
        networkLabel: limits.label,
        text: v.text,
        postType: v.postType,
        length: limits.countText(v.text),
        maxLength: limits.maxTextLength,
        problems: v.problems,
      };
    });
  }

  async get(workspaceId: string, id: string): Promise<PostDto> {
    const post = await this.posts.findOneBy({ id, workspaceId });
    if (!post) throw notFound('Post');
    const [parts] = await this.parts([post]);
    return postDto(parts);
  }

  /** How many of the workspace's posts are in `state` (the home page's totals; served by ix_posts_workspace_state). */
  countInState(workspaceId: string, state: PostState): Promise<number> {
    return this.posts.countBy({ workspaceId, state });
  }

  async list(workspaceId: string, query: PostListQueryDto): Promise<Page<PostDto>> {
    const { page, more } = await this.newest(workspaceId, query);
    const parts = await this.parts(page);
    return { items: parts.map(postDto), nextCursor: more ? page[page.length - 1].id : null };
  }

  /** The newest posts of each state (the board), their parts read once for all states. */
  async newestByState(
    workspaceId: string,
    states: PostState[],
    limit: number,
  ): Promise<Array<{ state: PostState; posts: PostDto[]; more: boolean }>> {
    const pages = await Promise.all(states.map((state) => this.newest(workspaceId, { state, limit })));
    const parts = new Map((await this.parts(pages.flatMap((p) => p.page))).map((p) => [p.post.id, p]));
    return states.map((state, i) => ({
      state,
      posts: pages[i].page.map((post) => postDto(parts.get(post.id)!)),
      more: pages[i].more,
    }));
  }

  /** A page of the workspace's posts, newest first, matching the list's filters. */
  private async newest(workspaceId: string, query: PostListQueryDto): Promise<{ page: Post[]; more: boolean }> {
    const limit = query.limit ?? 50;
    const qb = this.posts.createQueryBuilder('p').where('p.workspaceId = :workspaceId', { workspaceId });
    if (query.cursor) qb.andWhere('p.id < :cursor', { cursor: query.cursor });
    if (query.state) qb.andWhere('p.state = :state', { state: query.state });
    if (query.member) qb.andWhere('p.authorId = :member', { member: query.member });
    if (query.account || query.type || query.from || query.to) {
      const variants = qb.subQuery().select('1').from(PostVariant, 'v').where('v.postId = p.id');
      if (query.account) variants.andWhere('v.accountId = :account', { account: query.account });
      if (query.type) variants.andWhere('v.postType = :type', { type: query.type });
      if (query.from || query.to) variants.andWhere(this.withinRange(query.from, query.to));
      qb.andWhere(`EXISTS ${variants.getQuery()}`, variants.getParameters());
    }
    if (query.label) {
      const labelled = qb
        .subQuery()
        .select('1')
        .from(PostLabel, 'pl')
        .innerJoin(Label, 'l', 'l.id = pl.labelId')
        .where('pl.postId = p.id')
        .andWhere('l.name = :label', { label: query.label });
      qb.andWhere(`EXISTS ${labelled.getQuery()}`, labelled.getParameters());
    }
    const rows = await qb
      .orderBy('p.id', 'DESC')
      .take(limit + 1)
      .getMany();
    return { page: rows.slice(0, limit), more: rows.length > limit };
  }

  /** `approved`: an approval applies the schedule it held, so the policy does not hold it again. */
  async update(
    workspaceId: string,
    actor: Principal | null,
    id: string,
    input: UpdatePostDto,
    approved = false,
  ): Promise<PostDto> {
    const post = await this.editable(workspaceId, id);
    const existing = await this.variants.findBy({ postId: post.id });
    const text = input.text ?? post.text;
    const inputs = input.variants ?? existing.map((v) => this.inputOf(v));
    const planned = await this.planner.variantsFor(workspaceId, text, inputs);
    // A post not yet scheduled, by a member whose posts need approval: the schedule is checked now
    // and held by the approval request, applied when it is approved.
    const held =
      input.schedule && !approved && (post.state === 'draft' || post.state === 'pending_approval')
        ? (await this.needsApproval(workspaceId, actor)) && input.schedule
        : null;
    if (held) await this.plan(workspaceId, held, planned, post.id);
    const dto: UpdatePostDto = held ? { ...input, schedule: undefined } : input;
    const keepSchedule = dto.schedule === undefined;
    const scheduleInput = keepSchedule
      ? post.state === 'published'
        ? null
        : await this.currentScheduleInput(post)
      : dto.schedule;
    const plan = scheduleInput ? await this.plan(workspaceId, scheduleInput, planned, post.id) : null;
    const removed = existing.filter((v) => !inputs.some((i) => i.accountId === v.accountId));
    if (removed.some((v) => v.state === 'published' || v.publishedAt)) {
      throw new PostsError(
        'INVALID_MOVE',
        'A variant that was published cannot be removed; duplicate the post instead',
      );
    }
    await inTransaction(this.dataSource, async (em) => {
      await em.update(Post, post.id, { text, title: dto.title ?? post.title });
      if (dto.labels) await this.setLabels(em, post, dto.labels);
      if (removed.length) await em.delete(PostVariant, { id: In(removed.map((v) => v.id)) });
      // A new schedule replaces jobs made for the old one that have not started.
      if (!keepSchedule) {
        await em.update(
          PublishJob,
          { postId: post.id, status: 'queued' },
          { status: 'cancelled', errorCode: 'CANCELLED', errorMessage: 'the post was rescheduled' },
        );
      }
      await this.writeVariants(em, post, planned, plan, existing, keepSchedule && !plan ? 'keep' : 'replace');
      await this.refreshState(em, post.id);
    });
    await this.record(
      workspaceId,
      actor,
      plan && dto.schedule ? 'post.scheduled' : 'post.updated',
      post,
      undefined,
      plan,
    );
    await this.announceTexts(workspaceId, post.id, [text, ...planned.map((v) => v.input.text ?? '')]);
    if (held && actor) await this.announceApprovalMove(workspaceId, actor, post.id, true, held);
    return this.get(workspaceId, post.id);
  }

  reschedule(workspaceId: string, actor: Principal, id: string, schedule: ScheduleInputDto): Promise<PostDto> {
    return this.update(workspaceId, actor, id, { schedule });
  }

  /**
   * Board moves: back to draft, into the queue, or up for approval. Into "Pending approval" opens an
   * approval request and out of it withdraws the open ones (the approvals context reacts).
   */
  async move(workspaceId: string, actor: Principal, id: string, to: 'draft' | 'scheduled' | 'pending_approval') {
    const post = await this.editable(workspaceId, id);
    if (to === 'pending_approval') {
      if (post.state !== 'draft') throw new PostsError('INVALID_MOVE', 'Only drafts can be sent for approval');
      await this.holdForApproval(workspaceId, id);
      await this.announceApprovalMove(workspaceId, actor, id, true);
      return this.get(workspaceId, id);
    }
    if (to === 'scheduled' && post.state === 'pending_approval' && (await this.needsApproval(workspaceId, actor))) {
      throw new PostsError('INVALID_MOVE', 'Your posts need approval: an approver schedules this one');
    }
    let moved: PostDto;
    if (to === 'draft') moved = await this.update(workspaceId, actor, id, { schedule: null });
    else {
      const current = await this.currentScheduleInput(post);
      const future = current && (current.type !== 'single' || new Date(current.at!) > new Date());
      moved = await this.update(workspaceId, actor, id, { schedule: future ? current : { type: 'queue' } });
    }
    if (post.state !== 'pending_approval') return moved;
    // Out of the column (only once the move itself worked): the request is withdrawn and a draft
    // stops waiting (a post's approval state is set explicitly; its variants keep it otherwise).
    await this.settleApproval(workspaceId, id);
    await this.announceApprovalMove(workspaceId, actor, id, false);
    return this.get(workspaceId, id);
  }

  /** A draft waits for a decision (an approval was asked for). */
  async holdForApproval(workspaceId: string, id: string): Promise<void> {
    await this.posts.update({ id, workspaceId, state: 'draft' }, { state: 'pending_approval' });
  }

  /** What the post says now (null: deleted), for the contexts that read it (hashtag use). */
  private async announceTexts(workspaceId: string, postId: string, texts: string[] | null): Promise<void> {
    const event: PostTextsSavedEvent = { workspaceId, at: new Date(), posts: [{ postId, texts }] };
    await this.events.emitAsync(POST_TEXTS_SAVED, event);
  }

  private async announceApprovalMove(
    workspaceId: string,
    actor: Principal,
    postId: string,
    entered: boolean,
    schedule?: ScheduleInputDto,
  ) {
    const event: PostApprovalMoveEvent = { workspaceId, postId, entered, actor, ...(schedule && { schedule }) };
    await this.events.emitAsync(POST_APPROVAL_MOVE, event);
  }

  /** An approval was decided: the post leaves pending_approval as a draft, ready to schedule. */
  async settleApproval(workspaceId: string, id: string): Promise<void> {
    await this.posts.update({ id, workspaceId, state: 'pending_approval' }, { state: 'draft' });
  }

  /**
   * The workspace's approval policy holds this member's posts: every post when it is required, or
   * those of the roles it names. An API key acts as the member who created it.
   */
  async needsApproval(workspaceId: string, actor: Principal | null): Promise<boolean> {
    if (!actor) return false;
    const workspace = await this.dataSource.manager.findOneBy(Workspace, { id: workspaceId });
    const policy = workspace?.approvalPolicy;
    if (!policy || (!policy.required && !policy.roles.length)) return false;
    if (policy.required) return true;
    const member = await this.dataSource.manager.findOneBy(Membership, { workspaceId, userId: actor.userId });
    return !!member && policy.roles.includes(member.role);
  }

  /**
   * An approval applies the schedule it held. A single time that passed while the post waited is not
   * published late: the post stays a draft for its author to reschedule, and the answer says so.
   */
  async applyApprovedSchedule(
    workspaceId: string,
    actor: Principal | null,
    id: string,
    schedule: ScheduleInputDto,
  ): Promise<string | null> {
    if (schedule.type === 'single' && schedule.at && new Date(schedule.at) <= new Date()) {
      return 'The time it was composed for has passed: the author picks a new one';
    }
    try {
      await this.update(workspaceId, actor, id, { schedule }, true);
      return null;
    } catch (e) {
      // Approved all the same (the decision stands); what stops the schedule now is told, not thrown.
      if (e instanceof DomainError) return `It could not be scheduled: ${e.message}`;
      throw e;
    }
  }

  async duplicate(workspaceId: string, actor: Principal, id: string): Promise<PostDto> {
    const post = await this.posts.findOneBy({ id, workspaceId: workspaceId });
    if (!post) throw notFound('Post');
    const [parts] = await this.parts([post]);
    return this.create(
      workspaceId,
      actor,
      {
        title: post.title ?? undefined,
        text: post.text,
        labels: parts.labels,
        variants: parts.variants.map((v) => this.inputOf(v)),
      },
      post.source,
    );
  }

  async remove(workspaceId: string, actor: Principal, id: string): Promise<void> {
    const post = await this.editable(workspaceId, id);
    await this.posts.delete(post.id);
    await this.record(workspaceId, actor, 'post.deleted', post);
    await this.announceTexts(workspaceId, post.id, null);
  }

  /** A variant scheduled or published within [from, to). */
  private withinRange(from?: string, to?: string): Brackets {
    const within = (column: string, w: WhereExpressionBuilder) => {
      if (from) w.andWhere(`${column} >= :from`, { from: new Date(from) });
      if (to) w.andWhere(`${column} < :to`, { to: new Date(to) });
    };
    return new Brackets((w) =>
      w.where(new Brackets((s) => within('v.scheduledAt', s))).orWhere(new Brackets((p) => within('v.publishedAt', p))),
    );
  }

  /** Everything a post view needs, loaded for many posts at once. */
  async parts(posts: Post[]): Promise<PostParts[]> {
    if (!posts.length) return [];
    const ids = posts.map((p) => p.id);
    const em = this.dataSource.manager;
    const variants = await em.find(PostVariant, { where: { postId: In(ids) }, order: { id: 'ASC' } });
    const accountIds = [...new Set(variants.map((v) => v.accountId))];
    // A post view reads only an account's network (its validation): sealed tokens and settings are not hydrated.
    const accounts = accountIds.length
      ? await em.find(SocialAccount, { select: { id: true, network: true }, where: { id: In(accountIds) } })
      : [];
    const schedules = await em.findBy(Schedule, { postId: In(ids) });
    const labels = await em
      .createQueryBuilder(PostLabel, 'pl')
      .innerJoin(Label, 'l', 'l.id = pl.labelId')
      .select(['pl.postId AS "postId"', 'l.name AS "name"'])
      .where('pl.postId IN (:...ids)', { ids })
      .orderBy('l.name')
      .getRawMany<{ postId: string; name: string }>();
    // Newest first, so the first of a post is its latest request.
    const approvals = await em.find(Approval, {
      select: { id: true, postId: true, status: true, reason: true, decidedAt: true, createdAt: true },
      where: { postId: In(ids) },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
    const mediaIds = [...new Set(variants.flatMap((v) => v.mediaIds))];
    const media = mediaIds.length ? await em.findBy(MediaItem, { id: In(mediaIds) }) : [];
    const facts = new Map<string, MediaFacts>(
      media.map((m) => [
        m.id,
        {
          kind: m.kind,
          mimeType: m.mimeType,
          bytes: m.bytes,
          width: m.width ?? undefined,
          height: m.height ?? undefined,
          durationSeconds: m.durationMs === null ? undefined : m.durationMs / 1000,
          pages: m.pages ?? undefined,
        },
      ]),
    );
    // Grouped once: a board's 300 posts each looked through every variant, label and approval.
    const byPost = <T extends { postId: string }>(rows: T[]) => {
      const out = new Map<string, T[]>();
      for (const r of rows) out.set(r.postId, [...(out.get(r.postId) ?? []), r]);
      return out;
    };
    const [variantsOf, labelsOf, approvalsOf] = [byPost(variants), byPost(labels), byPost(approvals)];
    const scheduleOf = new Map(schedules.map((s) => [s.postId, s]));
    const accountsById = new Map(accounts.map((a) => [a.id, a]));
    return posts.map((post) => ({
      post,
      variants: variantsOf.get(post.id) ?? [],
      accounts: accountsById,
      labels: (labelsOf.get(post.id) ?? []).map((l) => l.name),
      schedule: scheduleOf.get(post.id) ?? null,
      media: facts,
      approval: approvalsOf.get(post.id)?.[0] ?? null,
    }));
  }

  private async plan(
    workspaceId: string,
    input: ScheduleInputDto,
    planned: PlannedVariant[],
    postId: string | null,
  ): Promise<PlannedSchedule> {
    this.planner.assertPublishable(planned);
    const workspace = await this.dataSource.manager.findOneByOrFail(Workspace, { id: workspaceId });
    const plan = await this.planner.schedule(input, workspace.timeZone, planned, postId);
    await this.planner.assertWithinQuotas(planned, plan.firstRun, postId);
    return plan;
  }

  private async writeVariants(
    em: EntityManager,
    post: Post,
    planned: PlannedVariant[],
    plan: PlannedSchedule | null,
    existing: PostVariant[],
    /** A new post has no schedule to replace; `keep` leaves the current one. */
    schedule: 'new' | 'replace' | 'keep',
  ): Promise<void> {
    const added: Array<Partial<PostVariant> & VariantMedia> = [];
    const updated: VariantMedia[] = [];
    for (const v of planned) {
      const current = existing.find((e) => e.accountId === v.account.id);
      const keepsHistory = current && (current.state === 'published' || current.state === 'needs_review');
      const columns = {
        text: v.input.text ?? null,
        postType: v.postType,
        link: v.input.link ?? null,
        mediaIds: v.input.mediaIds ?? [],
        options: v.input.options ?? {},
        ...(keepsHistory && !(plan && plan.type !== 'single')
          ? {}
          : {
              state: plan ? ('scheduled' as const) : ('draft' as const),
              scheduledAt: plan?.firstRun.get(v.account.id) ?? null,
            }),
      };
      if (current) {
        await em.update(PostVariant, current.id, columns);
        // Re-indexed even when the list looks unchanged: `current` was read before this transaction, and an
        // edit committed since may have changed it (the update just made holds the row, so edits take turns).
        updated.push({ ...current, mediaIds: columns.mediaIds });
      } else
        added.push({
          id: newId(),
          postId: post.id,
          workspaceId: post.workspaceId,
          accountId: v.account.id,
          state: 'draft',
          scheduledAt: null,
          publishedAt: null,
          externalId: null,
          externalUrl: null,
          lastError: null,
          ...columns,
        });
    }
    await insertRows(em, PostVariant, added);
    await indexVariantMedia(em, added);
    await indexVariantMedia(em, updated, true);
    if (schedule === 'keep') return;
    if (schedule === 'replace') await em.delete(Schedule, { postId: post.id });
    if (plan) {
      await em.insert(Schedule, {
        id: newId(),
        postId: post.id,
        workspaceId: post.workspaceId,
        type: plan.type,
        timeZone: plan.timeZone,
        startAt: plan.startAt,
        rrule: plan.rrule,
        evergreen: plan.evergreen,
        occurrences: 0,
      });
    }
  }

  private async refreshState(em: EntityManager, postId: string): Promise<void> {
    const post = await em.findOneByOrFail(Post, { id: postId });
    const variants = await em.find(PostVariant, { select: { id: true, state: true }, where: { postId } });
    await em.update(Post, postId, {
      state: postStateOf(
        variants.map((v) => v.state),
        post.state,
      ),
    });
  }

  /** The workspace's labels by name (the calendar's filter, the composer's suggestions); served by uq_labels_workspace_name. */
  async labels(workspaceId: string): Promise<LabelDto[]> {
    const labels = await this.dataSource.manager.find(Label, {
      select: { name: true, color: true },
      where: { workspaceId },
      order: { name: 'ASC' },
    });
    return labels.map(({ name, color }) => ({ name, color }));
  }

  private async setLabels(em: EntityManager, post: Post, names: string[], isNew = false): Promise<void> {
    const unique = [...new Set(names)];
    if (!isNew) await em.delete(PostLabel, { postId: post.id });
    if (!unique.length) return;
    const found = await em.findBy(Label, { workspaceId: post.workspaceId, name: In(unique) });
    for (const name of unique.filter((n) => !found.some((l) => l.name === n))) {
      const label = em.create(Label, {
        id: newId(),
        workspaceId: post.workspaceId,
        name,
        color: labelColor(found.length + unique.indexOf(name)),
      });
      await em.insert(Label, label);
      found.push(label);
    }
    await insertRows(
      em,
      PostLabel,
      found.map((l) => ({ postId: post.id, labelId: l.id })),
    );
  }

  private async editable(workspaceId: string, id: string): Promise<Post> {
    const post = await this.posts.findOneBy({ id, workspaceId });
    if (!post) throw notFound('Post');
    const busy = await this.variants.existsBy({ postId: id, state: 'publishing' });
    if (busy) throw new PostsError('POST_BUSY', 'Wait until publishing finishes, then edit the post');
    return post;
  }

  private async currentScheduleInput(post: Post): Promise<ScheduleInputDto | null> {
    const schedule = await this.dataSource.manager.findOneBy(Schedule, { postId: post.id });
    if (!schedule) return null;
    if (schedule.type === 'queue' || schedule.type === 'best-time') {
      // Keep the slot it already has: a single time at the variants' current time.
      const variant = await this.variants.findOneBy({ postId: post.id, state: 'scheduled' });
      return variant?.scheduledAt
        ? { type: 'single', at: variant.scheduledAt.toISOString(), timeZone: schedule.timeZone }
        : null;
    }
    return {
      type: schedule.type,
      timeZone: schedule.timeZone,
      at: schedule.startAt?.toISOString(),
      rrule: schedule.rrule ?? undefined,
      intervalDays: schedule.evergreen?.intervalDays,
      maxRepeats: schedule.evergreen?.maxRepeats ?? undefined,
      endAt: schedule.evergreen?.endAt ?? undefined,
      skipIfPublishedWithinDays: schedule.evergreen?.skipIfPublishedWithinDays ?? undefined,
    };
  }

  private inputOf(v: PostVariant) {
    return {
      accountId: v.accountId,
      text: v.text ?? undefined,
      postType: v.postType,
      mediaIds: v.mediaIds,
      link: v.link ?? undefined,
      options: v.options,
    };
  }

  /** With a schedule, the entry keeps when the post first goes out ("scheduled … for Mon 7 Dec, 09:00"). */
  private record(
    workspaceId: string,
    actor: Principal | null,
    action: ActivityAction,
    post: Post,
    em?: EntityManager,
    plan?: PlannedSchedule | null,
  ) {
    const first = plan ? Math.min(...[...plan.firstRun.values()].map((d) => d.getTime())) : Infinity;
    const details = { title: postTitle(post), ...(Number.isFinite(first) && { at: new Date(first).toISOString() }) };
    return this.activity.record(workspaceId, actor, { action, targetType: 'post', targetId: post.id, details }, em);
  }
}

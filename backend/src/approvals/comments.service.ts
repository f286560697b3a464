import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Repository } from 'typeorm';
import { ActivityService } from '../activity/activity.service';
import { newId } from '../common/ids';
import { User } from '../identity/user.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { PostsService } from '../posts/posts.service';
import { Membership } from '../workspaces/membership.entity';
import { PostComment } from './post-comment.entity';

export interface CommentView {
  id: string;
  authorName: string;
  byClient: boolean;
  text: string;
  mentions: string[];
  createdAt: string;
}

const MENTION = /(?:^|\s)@([\p{L}\p{N}._-]+)/gu;

/** Who an @handle names: a member whose first name, full name without spaces, or email's local part matches. */
const handlesOf = (user: User) => {
  const name = user.name.toLowerCase();
  return [name.split(/\s+/)[0], name.replace(/\s+/g, ''), user.email.toLowerCase().split('@')[0]];
};

/** Comments on posts, by members and by clients; @mentioned members are notified. */
@Injectable()
export class CommentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(PostComment) private readonly comments: Repository<PostComment>,
    private readonly posts: PostsService,
    private readonly notifications: NotificationsService,
    private readonly activity: ActivityService,
  ) {}

  async list(workspaceId: string, postId: string): Promise<{ items: CommentView[] }> {
    await this.posts.get(workspaceId, postId);
    const rows = await this.comments.find({ where: { workspaceId, postId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return { items: rows.map(view) };
  }

  async add(
    workspaceId: string,
    postId: string,
    author: { userId: string | null; name: string },
    text: string,
  ): Promise<CommentView> {
    const post = await this.posts.get(workspaceId, postId);
    const mentioned = await this.mentionedMembers(workspaceId, text, author.userId);
    const comment = this.comments.create({
      id: newId(),
      workspaceId,
      postId,
      authorUserId: author.userId,
      authorName: author.name.slice(0, 100),
      text,
      mentions: mentioned.map((u) => u.name),
    });
    await this.comments.insert(comment);
    if (mentioned.length) {
      await this.notifications.notifyUsers(
        workspaceId,
        mentioned.map((u) => u.id),
        {
          kind: 'mention',
          title: `${author.name} mentioned you`,
          body: `${text}\n\nOn: ${post.text.slice(0, 140)}`,
          link: `/w/${workspaceId}/posts/${postId}`,
        },
      );
    }
    await this.activity.record(
      workspaceId,
      author.userId ? { kind: 'user', userId: author.userId, apiKey: null } : null,
      { action: 'post.commented', targetType: 'post', targetId: postId, details: { by: author.name } },
    );
    return view(await this.comments.findOneByOrFail({ id: comment.id }));
  }

  private async mentionedMembers(workspaceId: string, text: string, authorId: string | null): Promise<User[]> {
    const handles = new Set([...text.matchAll(MENTION)].map((m) => m[1].toLowerCase().replace(/[._-]+$/, '')));
    if (!handles.size) return [];
    const members = await this.dataSource.manager.findBy(Membership, { workspaceId });
    const users = members.length
      ? await this.dataSource.manager.findBy(User, { id: In(members.map((m) => m.userId)) })
      : [];
    return users.filter((u) => u.id !== authorId && handlesOf(u).some((h) => handles.has(h)));
  }
}

const view = (c: PostComment): CommentView => ({
  id: c.id,
  authorName: c.authorName,
  byClient: c.authorUserId === null,
  text: c.text,
  mentions: c.mentions,
  createdAt: c.createdAt.toISOString(),
});

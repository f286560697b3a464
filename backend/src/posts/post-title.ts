/** How a post is named where it has no title of its own: the start of its text (the log, notices). */
export const postTitle = (post: { title: string | null; text: string }): string => post.title ?? post.text.slice(0, 60);

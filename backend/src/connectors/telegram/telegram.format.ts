/** The composer's text is plain: sent in HTML parse mode with Telegram's three escapes, nothing reads as markup. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The text as sent: escaped, the link on its own line unless the text already has it. */
export function messageHtml(text: string, link: string | null): string {
  const body = escapeHtml(text.trim());
  if (!link || text.includes(link)) return body;
  return body ? `${body}\n\n${escapeHtml(link)}` : escapeHtml(link);
}

/**
 * A message's public link: t.me/<username>/<id> for public chats, t.me/c/<id without -100>/<id>
 * for private channels and supergroups (members only); basic groups have none.
 */
export function messageUrl(chatId: string, username: string | undefined, messageId: number): string | null {
  if (username) return `https://t.me/${username}/${messageId}`;
  if (chatId.startsWith('-100')) return `https://t.me/c/${chatId.slice(4)}/${messageId}`;
  return null;
}

/** Albums are several messages; their ids travel as one external id, "12,13,14". */
export const joinMessageIds = (ids: number[]): string => ids.join(',');
export const splitMessageIds = (externalId: string): number[] =>
  externalId
    .split(',')
    .map(Number)
    .filter((id) => Number.isInteger(id) && id > 0);

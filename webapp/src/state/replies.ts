import type { Message, ReplyTo } from '../api/types';
import type { Timeline } from './timeline';

/** As the contract takes it: the first 100 characters (code points here) of the body. */
export const EXCERPT_LENGTH = 100;

export function excerptOf(body: string): string {
  const chars = Array.from(body);
  return chars.length <= EXCERPT_LENGTH ? body : chars.slice(0, EXCERPT_LENGTH).join('');
}

/** What the composer and a pending send show of the message being answered, before the server's own copy. */
export function replyPreview(original: Message): ReplyTo {
  return { id: original.id, seq: original.seq, senderId: original.senderId, excerpt: original.deletedAt ? '' : excerptOf(original.body) };
}

/** Once an original is deleted its replies show an empty excerpt, as REST pages will. */
export function blankRepliesTo(timeline: Timeline, messageId: string): Timeline {
  if (!timeline.confirmed.some((m) => m.replyTo?.id === messageId && m.replyTo.excerpt !== '')) return timeline;
  return {
    ...timeline,
    confirmed: timeline.confirmed.map((m) => (m.replyTo?.id === messageId ? { ...m, replyTo: { ...m.replyTo, excerpt: '' } } : m)),
  };
}

/**
 * How a reply's quote reads: its excerpt; else "Attachment" when the loaded original is a
 * message without text; else "Message deleted" (an empty excerpt is what a deleted original leaves).
 */
export function quoteText(replyTo: ReplyTo, original: Message | undefined): { text: string; missing: boolean } {
  if (replyTo.excerpt) return { text: replyTo.excerpt, missing: false };
  if (original && !original.deletedAt && original.attachments.length > 0) return { text: 'Attachment', missing: true };
  return { text: 'Message deleted', missing: true };
}

import { Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Api, ApiError } from '../api/client';
import type { Attachment, Conversation, Message, PublicProfile, ReplyTo } from '../api/types';
import { timelineOf, typingUsers, type ChatState } from '../state/chat';
import { gapsOf, messageAt, olderBefore, type Gap } from '../state/jump';
import { COMMON_EMOJI, emojiKey, isMine, MAX_EMOJI_INPUT, reactionsOf } from '../state/reactions';
import { quoteText, replyPreview } from '../state/replies';
import { lastSeq, type PendingMessage } from '../state/timeline';
import { ErrorBanner } from './Field';
import { conversationName } from './Conversations';

interface Props {
  api: Api;
  chat: ChatState;
  conversation: Conversation;
  profiles: Record<string, PublicProfile>;
  send: (body: string, files: File[], replyTo: ReplyTo | null) => void;
  retry: (pending: PendingMessage) => void;
  typing: () => void;
  shareLocation: (lat: number, lng: number, accuracy: number | null) => void;
  edited: (message: Message) => void;
  showUser: (userId: string) => void;
  /** The seq to open at (`?at=`): scrolled to and highlighted once it is loaded. */
  at?: number;
  /** Opens this conversation at a seq that is not loaded yet (the history around it is fetched). */
  jumpTo: (seq: number) => void;
  /** Back to the newest messages, dropping `?at=`. */
  toLatest: () => void;
  /** Loads a page of history (`after` fills a gap, `before` goes further back). */
  loadHistory: (query: { after?: number; before?: number }) => Promise<void>;
  /** Toggles the caller's reaction; rejects with the server's problem. */
  react: (message: Message, emoji: string) => Promise<void>;
}

function AttachmentView({ attachment }: { attachment: Attachment }) {
  if (attachment.contentType.startsWith('image/') && attachment.thumbnailUrl) {
    return (
      <a href={attachment.url} target="_blank" rel="noopener" class="attachment-image">
        <img src={attachment.thumbnailUrl} alt={attachment.filename} loading="lazy"
          width={attachment.width && attachment.height ? Math.min(240, attachment.width) : undefined} />
      </a>
    );
  }
  return <a href={attachment.url} download={attachment.filename} class="attachment-file">{attachment.filename} ({Math.ceil(attachment.size / 1024)} KB)</a>;
}

const FLASH_MS = 2_000;

function ReplyQuote({ replyTo, original, name, onClick, id }: {
  replyTo: ReplyTo; original: Message | undefined; name: (userId: string) => string; onClick?: () => void; id?: string;
}) {
  const quote = quoteText(replyTo, original);
  const content = <><span class="reply-sender">{name(replyTo.senderId)}</span> <span class={quote.missing ? 'excerpt missing' : 'excerpt'}>{quote.text}</span></>;
  return onClick
    ? <button type="button" class="reply-quote" id={id} data-reply-to={replyTo.id} data-seq={replyTo.seq} title="Show the original" onClick={onClick}>{content}</button>
    : <span class="reply-quote" id={id}>{content}</span>;
}

function Reactions({ message, react, picking, setPicking }: {
  message: Message; react: (emoji: string) => void; picking: boolean; setPicking: (open: boolean) => void;
}) {
  const [custom, setCustom] = useState('');
  const addCustom = (e: Event) => {
    e.preventDefault();
    const emoji = custom.trim();
    if (!emoji) return;
    react(emoji);
    setCustom('');
    setPicking(false);
  };
  return (
    <div class="reactions" id={`reactions-${message.id}`}>
      {reactionsOf(message).map((r) => (
        <button type="button" key={r.emoji} id={`reaction-${message.id}-${emojiKey(r.emoji)}`} class={`reaction ${r.me ? 'mine' : ''}`}
          aria-pressed={r.me} data-emoji={r.emoji} data-count={r.count}
          aria-label={`${r.emoji} ${r.count}${r.me ? ', yours: click to remove' : ': click to add yours'}`} onClick={() => react(r.emoji)}>
          {r.emoji} <span class="count">{r.count}</span>
        </button>
      ))}
      <button type="button" class="reaction add" id={`react-button-${message.id}`} aria-expanded={picking}
        aria-controls={`reaction-picker-${message.id}`} aria-label="Add a reaction" onClick={() => setPicking(!picking)}>+☺</button>
      {picking && (
        <div class="reaction-picker" id={`reaction-picker-${message.id}`} role="group" aria-label="Pick a reaction">
          {COMMON_EMOJI.map((emoji) => (
            <button type="button" key={emoji} id={`reaction-pick-${message.id}-${emojiKey(emoji)}`} aria-pressed={isMine(message, emoji)}
              onClick={() => { react(emoji); setPicking(false); }}>{emoji}</button>
          ))}
          <form onSubmit={addCustom} class="reaction-custom">
            <label class="visually-hidden" for={`reaction-custom-${message.id}`}>Another emoji</label>
            <input id={`reaction-custom-${message.id}`} value={custom} maxLength={MAX_EMOJI_INPUT} placeholder="Other" autoComplete="off"
              onInput={(e) => setCustom(e.currentTarget.value)} />
            <button type="submit" id={`reaction-custom-submit-${message.id}`}>Add</button>
          </form>
        </div>
      )}
    </div>
  );
}

function GapRow({ gap, load }: { gap: Gap; load: (gap: Gap) => void }) {
  const missing = gap.before - gap.after - 1;
  return (
    <li class="gap">
      <button type="button" id={`load-gap-${gap.after}`} onClick={() => load(gap)}>
        Load {missing === 1 ? '1 more message' : `${missing} more messages`}
      </button>
    </li>
  );
}

export function ConversationView({ api, chat, conversation, profiles, send, retry, typing, shareLocation, edited, showUser,
  at, jumpTo, toLatest, loadHistory, react }: Props) {
  const timeline = timelineOf(chat, conversation.id);
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [editing, setEditing] = useState<{ id: string; body: string } | null>(null);
  const [replyTo, setReplyTo] = useState<ReplyTo | null>(null);
  const [picker, setPicker] = useState<string | null>(null);
  const [flash, setFlash] = useState<number | null>(null);
  const [follow, setFollow] = useState(at === undefined);
  const [error, setError] = useState<string | null>(null);
  const list = useRef<HTMLOListElement>(null);
  const bottom = useRef<HTMLDivElement>(null);
  const composer = useRef<HTMLInputElement>(null);
  const name = (userId: string) => (userId === chat.myId ? 'You' : profiles[userId]?.displayName || profiles[userId]?.username || 'Someone');
  const typers = typingUsers(chat, conversation.id);
  const locations = Object.entries(chat.locations[conversation.id] ?? {});
  const title = conversationName(conversation, chat.myId, profiles);
  const peer = conversation.type === 'direct' ? conversation.participantIds.find((id) => id !== chat.myId) : undefined;
  const newest = lastSeq(timeline);
  const gaps = new Map(gapsOf(timeline).map((g) => [g.before, g]));
  const older = olderBefore(timeline);
  const targetHeld = at !== undefined && !!messageAt(timeline, at);

  const failed = (err: unknown, fallback: string) => setError(err instanceof ApiError ? err.message : fallback);

  // Scrolls to a held message and highlights it for a moment.
  const reveal = (seq: number) => {
    list.current?.querySelector(`[data-seq="${seq}"]`)?.scrollIntoView?.({ block: 'center' });
    setFlash(seq);
  };

  // Following the newest messages, unless the view was opened at (or jumped to) an older one.
  useEffect(() => { if (at !== undefined) setFollow(false); }, [at]);
  useEffect(() => { if (follow) bottom.current?.scrollIntoView?.({ block: 'end' }); }, [newest, timeline.pending.length, follow]);
  useEffect(() => { if (at !== undefined && targetHeld) reveal(at); }, [at, targetHeld]);
  useEffect(() => {
    if (flash === null) return;
    const timer = setTimeout(() => setFlash(null), FLASH_MS);
    return () => clearTimeout(timer);
  }, [flash]);

  const submit = (e: Event) => {
    e.preventDefault();
    if (!body.trim() && files.length === 0) return;
    send(body, files, replyTo);
    setBody('');
    setFiles([]);
    setReplyTo(null);
    setFollow(true);
  };

  const saveEdit = async (e: Event) => {
    e.preventDefault();
    if (!editing) return;
    try {
      edited(await api.editMessage(editing.id, editing.body));
      setEditing(null);
    } catch (err) {
      failed(err, 'Editing failed.');
    }
  };

  const remove = async (message: Message) => {
    try {
      await api.deleteMessage(message.id);
    } catch (err) {
      failed(err, 'Deleting failed.');
    }
  };

  const toggleReaction = (message: Message, emoji: string) => {
    setError(null);
    react(message, emoji).catch((err) => failed(err, 'The reaction was not saved.'));
  };

  const startReply = (message: Message) => {
    setReplyTo(replyPreview(message));
    setEditing(null);
    composer.current?.focus();
  };

  const showOriginal = (original: ReplyTo) => {
    if (messageAt(timeline, original.seq)) reveal(original.seq);
    else jumpTo(original.seq);
  };

  const load = (query: { after?: number; before?: number }) => loadHistory(query).catch((err) => failed(err, 'Could not load messages.'));

  const latest = () => {
    setFollow(true);
    if (at !== undefined) toLatest();
  };

  const locate = () => {
    if (!navigator.geolocation) return setError('This browser cannot share a location.');
    navigator.geolocation.getCurrentPosition(
      (p) => shareLocation(p.coords.latitude, p.coords.longitude, p.coords.accuracy ?? null),
      () => setError('Location permission was refused.'),
    );
  };

  return (
    <section class="conversation" aria-label={title}>
      <header>
        <h2>{peer ? <button type="button" class="name-link" id="conversation-peer-profile" data-user-id={peer}
          title="View profile" onClick={() => showUser(peer)}>{title}</button> : title}</h2>
      </header>
      <ErrorBanner message={error} id="conversation-error" />
      <ol class="messages" aria-live="polite" ref={list}>
        {older !== null && (
          <li class="gap"><button type="button" id="load-older" onClick={() => load({ before: older })}>Load older messages</button></li>
        )}
        {timeline.confirmed.map((m) => (
          <Fragment key={m.id}>
            {gaps.has(m.seq) && <GapRow gap={gaps.get(m.seq)!} load={(g) => load({ after: g.after })} />}
            <li id={`message-${m.id}`} class={`message ${m.senderId === chat.myId ? 'mine' : ''} ${flash === m.seq ? 'flash' : ''}`} data-seq={m.seq}>
              {m.senderId === chat.myId ? <span class="sender">{name(m.senderId)}</span>
                : <button type="button" class="sender name-link" id={`message-sender-${m.id}`} data-user-id={m.senderId}
                    onClick={() => showUser(m.senderId)}>{name(m.senderId)}</button>}
              {m.replyTo && <ReplyQuote replyTo={m.replyTo} original={messageAt(timeline, m.replyTo.seq)} name={name}
                id={`reply-quote-${m.id}`} onClick={() => showOriginal(m.replyTo!)} />}
              {m.deletedAt ? <em class="tombstone">Message deleted</em>
                : editing?.id === m.id ? (
                  <form onSubmit={saveEdit} class="edit-form">
                    <label class="visually-hidden" for={`edit-${m.id}`}>Edit message</label>
                    <input id={`edit-${m.id}`} value={editing.body} onInput={(e) => setEditing({ id: m.id, body: e.currentTarget.value })} />
                    <button type="submit">Save</button>
                    <button type="button" onClick={() => setEditing(null)}>Cancel</button>
                  </form>
                ) : <p class="body">{m.body}{m.editedAt && <small> (edited)</small>}</p>}
              {!m.deletedAt && m.attachments.map((a) => <AttachmentView key={a.id} attachment={a} />)}
              {!m.deletedAt && <Reactions message={m} react={(emoji) => toggleReaction(m, emoji)}
                picking={picker === m.id} setPicking={(open) => setPicker(open ? m.id : null)} />}
              {!m.deletedAt && editing?.id !== m.id && (
                <span class="actions">
                  <button type="button" id={`reply-button-${m.id}`} onClick={() => startReply(m)}>Reply</button>
                  {m.senderId === chat.myId && <>
                    <button type="button" id={`edit-button-${m.id}`} onClick={() => setEditing({ id: m.id, body: m.body })}>Edit</button>
                    <button type="button" id={`delete-button-${m.id}`} onClick={() => remove(m)}>Delete</button>
                  </>}
                </span>
              )}
            </li>
          </Fragment>
        ))}
        {timeline.pending.map((p) => (
          <li key={p.clientMessageId} class="message mine pending" data-status={p.status}>
            <span class="sender">You</span>
            {p.replyTo && <ReplyQuote replyTo={p.replyTo} original={messageAt(timeline, p.replyTo.seq)} name={name} />}
            <p class="body">{p.body}</p>
            {p.status === 'failed' ? <button type="button" onClick={() => retry(p)}>Not sent — retry</button> : <small>Sending…</small>}
          </li>
        ))}
      </ol>
      <div ref={bottom} />
      {!follow && <button type="button" class="jump-latest" id="jump-to-latest" onClick={latest}>Jump to the latest messages</button>}
      {typers.length > 0 && <p class="typing" role="status">{typers.map(name).join(', ')} typing…</p>}
      {locations.length > 0 && (
        <ul class="locations" aria-label="Shared locations">
          {locations.map(([userId, l]) => (
            <li key={userId}>{name(userId)}: {l.lat.toFixed(5)}, {l.lng.toFixed(5)}{l.accuracy ? ` (±${Math.round(l.accuracy)} m)` : ''}</li>
          ))}
        </ul>
      )}
      {replyTo && (
        <div class="composer-reply" id="composer-reply" data-reply-to={replyTo.id}>
          <span>Replying to <ReplyQuote replyTo={replyTo} original={messageAt(timeline, replyTo.seq)} name={name} id="composer-reply-excerpt" /></span>
          <button type="button" id="composer-reply-cancel" aria-label="Cancel the reply" onClick={() => setReplyTo(null)}>Cancel</button>
        </div>
      )}
      <form class="composer" onSubmit={submit}>
        <label class="visually-hidden" for="composer-body">Message</label>
        <input id="composer-body" ref={composer} value={body} placeholder={replyTo ? 'Write a reply' : 'Write a message'} autoComplete="off"
          onInput={(e) => { setBody(e.currentTarget.value); typing(); }} />
        <label class="file-button">
          Attach
          <input type="file" multiple onChange={(e) => setFiles(Array.from(e.currentTarget.files ?? []))} />
        </label>
        {files.length > 0 && <small>{files.length} file(s)</small>}
        <button type="button" onClick={locate}>Share location</button>
        <button type="submit">Send</button>
      </form>
    </section>
  );
}

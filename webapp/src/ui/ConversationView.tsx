import { useEffect, useRef, useState } from 'preact/hooks';
import { Api, ApiError } from '../api/client';
import type { Attachment, Conversation, Message, PublicProfile } from '../api/types';
import { timelineOf, typingUsers, type ChatState } from '../state/chat';
import type { PendingMessage } from '../state/timeline';
import { ErrorBanner } from './Field';
import { conversationName } from './Conversations';

interface Props {
  api: Api;
  chat: ChatState;
  conversation: Conversation;
  profiles: Record<string, PublicProfile>;
  send: (body: string, files: File[]) => void;
  retry: (pending: PendingMessage) => void;
  typing: () => void;
  shareLocation: (lat: number, lng: number, accuracy: number | null) => void;
  edited: (message: Message) => void;
  showUser: (userId: string) => void;
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

export function ConversationView({ api, chat, conversation, profiles, send, retry, typing, shareLocation, edited, showUser }: Props) {
  const timeline = timelineOf(chat, conversation.id);
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [editing, setEditing] = useState<{ id: string; body: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const bottom = useRef<HTMLDivElement>(null);
  const name = (userId: string) => (userId === chat.myId ? 'You' : profiles[userId]?.displayName || profiles[userId]?.username || 'Someone');
  const typers = typingUsers(chat, conversation.id);
  const locations = Object.entries(chat.locations[conversation.id] ?? {});
  const title = conversationName(conversation, chat.myId, profiles);
  const peer = conversation.type === 'direct' ? conversation.participantIds.find((id) => id !== chat.myId) : undefined;

  useEffect(() => bottom.current?.scrollIntoView?.({ block: 'end' }), [timeline.confirmed.length, timeline.pending.length]);

  const submit = (e: Event) => {
    e.preventDefault();
    if (!body.trim() && files.length === 0) return;
    send(body, files);
    setBody('');
    setFiles([]);
  };

  const saveEdit = async (e: Event) => {
    e.preventDefault();
    if (!editing) return;
    try {
      edited(await api.editMessage(editing.id, editing.body));
      setEditing(null);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Editing failed.');
    }
  };

  const remove = async (message: Message) => {
    try {
      await api.deleteMessage(message.id);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Deleting failed.');
    }
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
      <ErrorBanner message={error} />
      <ol class="messages" aria-live="polite">
        {timeline.confirmed.map((m) => (
          <li key={m.id} class={`message ${m.senderId === chat.myId ? 'mine' : ''}`} data-seq={m.seq}>
            {m.senderId === chat.myId ? <span class="sender">{name(m.senderId)}</span>
              : <button type="button" class="sender name-link" id={`message-sender-${m.id}`} data-user-id={m.senderId}
                  onClick={() => showUser(m.senderId)}>{name(m.senderId)}</button>}
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
            {m.senderId === chat.myId && !m.deletedAt && editing?.id !== m.id && (
              <span class="actions">
                <button type="button" onClick={() => setEditing({ id: m.id, body: m.body })}>Edit</button>
                <button type="button" onClick={() => remove(m)}>Delete</button>
              </span>
            )}
          </li>
        ))}
        {timeline.pending.map((p) => (
          <li key={p.clientMessageId} class="message mine pending" data-status={p.status}>
            <span class="sender">You</span>
            <p class="body">{p.body}</p>
            {p.status === 'failed' ? <button type="button" onClick={() => retry(p)}>Not sent — retry</button> : <small>Sending…</small>}
          </li>
        ))}
      </ol>
      <div ref={bottom} />
      {typers.length > 0 && <p class="typing" role="status">{typers.map(name).join(', ')} typing…</p>}
      {locations.length > 0 && (
        <ul class="locations" aria-label="Shared locations">
          {locations.map(([userId, l]) => (
            <li key={userId}>{name(userId)}: {l.lat.toFixed(5)}, {l.lng.toFixed(5)}{l.accuracy ? ` (±${Math.round(l.accuracy)} m)` : ''}</li>
          ))}
        </ul>
      )}
      <form class="composer" onSubmit={submit}>
        <label class="visually-hidden" for="composer-body">Message</label>
        <input id="composer-body" value={body} placeholder="Write a message" autoComplete="off"
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

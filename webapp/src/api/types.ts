// Shapes of ../shared/API.md, as the SPA reads them.

export interface Avatar {
  id: string;
  url: string;
  thumbnailUrl: string;
}

export interface Tenant {
  id: string;
  slug: string;
  name: string;
  modules: string[];
}

export interface Me {
  id: string;
  email: string;
  username: string;
  displayName: string | null;
  bio: string | null;
  location: string | null;
  links: string[];
  avatar: Avatar | null;
  tenant: Tenant | null;
  roles: string[];
  createdAt: string;
}

export interface PublicProfile {
  id: string;
  username: string;
  displayName: string | null;
  bio: string | null;
  location: string | null;
  links: string[];
  avatar: Avatar | null;
}

export interface Attachment {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  width: number | null;
  height: number | null;
  url: string;
  thumbnailUrl: string | null;
}

export interface Message {
  id: string;
  conversationId: string;
  seq: number;
  senderId: string;
  body: string;
  attachments: Attachment[];
  clientMessageId: string | null;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  /** v1.1: the message this one answers, as it was at reply time; absent from a v1 server. */
  replyTo?: ReplyTo | null;
  /** v1.1: reactions ordered by first use; absent from a v1 server. */
  reactions?: Reaction[];
}

/** v1.1: what a reply shows of its original; `excerpt` is empty once the original is deleted. */
export interface ReplyTo {
  id: string;
  seq: number;
  senderId: string;
  excerpt: string;
}

/** v1.1: one emoji on a message, how many users chose it, and whether the caller is one of them. */
export interface Reaction {
  emoji: string;
  count: number;
  me: boolean;
}

/** v1.1: one match of `GET /api/search/messages`; `highlight` is escaped HTML with `<mark>` around matches. */
export interface SearchHit {
  message: Message;
  conversationTitle: string | null;
  highlight: string;
}

export interface Conversation {
  id: string;
  type: 'direct' | 'group';
  title: string | null;
  participantIds: string[];
  lastMessage: Message | null;
  lastSeq: number;
  unreadCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Session {
  user: Me;
  expiresIn: number;
}

export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
}

/** Server-to-client WebSocket frames. */
export type ServerEvent =
  | { type: 'ready'; userId: string; connectionId: string }
  | { type: 'message.created'; message: Message }
  | { type: 'message.updated'; message: Message }
  | { type: 'message.deleted'; conversationId: string; messageId: string; seq: number }
  | { type: 'typing'; conversationId: string; userId: string }
  | { type: 'read'; conversationId: string; userId: string; seq: number }
  | { type: 'location'; conversationId: string; userId: string; lat: number; lng: number; accuracy: number | null; at: string }
  | { type: 'presence'; userId: string; online: boolean }
  | { type: 'ack'; clientMessageId: string; message: Message }
  | { type: 'reaction'; conversationId: string; messageId: string; seq: number; emoji: string; userId: string; added: boolean }
  | { type: 'error'; code: string; detail: string; ref?: string }
  | { type: 'pong' };

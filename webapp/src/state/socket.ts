import type { ServerEvent } from '../api/types';
import { defaultBackoff, reconnectDelay, shouldReconnect, type BackoffPolicy } from './backoff';

export type ConnectionStatus = 'connecting' | 'online' | 'offline' | 'closed';

interface SocketLike {
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  send(data: string): void;
  close(code?: number): void;
  readonly readyState: number;
}

export interface ChatSocketOptions {
  url: string;
  onEvent: (event: ServerEvent) => void;
  onStatus: (status: ConnectionStatus) => void;
  /** Called after every successful reconnect (not the first connect): time to catch up over REST. */
  onReconnected: () => void;
  createSocket?: (url: string) => SocketLike;
  schedule?: (fn: () => void, ms: number) => unknown;
  backoff?: BackoffPolicy;
  random?: () => number;
}

const OPEN = 1;

/**
 * The one `/ws` connection of a tab. The gateway authenticates the upgrade from the session
 * cookie. A dropped connection is retried with jittered back-off; after each reconnect the
 * app catches up over REST, because the socket does not replay what it missed.
 */
export class ChatSocket {
  private socket: SocketLike | null = null;
  private attempt = 0;
  private connectedOnce = false;
  private stopped = false;
  private readonly createSocket: (url: string) => SocketLike;
  private readonly schedule: (fn: () => void, ms: number) => unknown;

  constructor(private readonly options: ChatSocketOptions) {
    this.createSocket = options.createSocket ?? ((url) => new WebSocket(url) as unknown as SocketLike);
    this.schedule = options.schedule ?? ((fn, ms) => setTimeout(fn, ms));
  }

  connect(): void {
    this.stopped = false;
    this.options.onStatus('connecting');
    const socket = this.createSocket(this.options.url);
    this.socket = socket;
    socket.onopen = () => {
      this.attempt = 0;
      this.options.onStatus('online');
      if (this.connectedOnce) this.options.onReconnected();
      this.connectedOnce = true;
    };
    socket.onmessage = (event) => {
      try {
        this.options.onEvent(JSON.parse(String(event.data)) as ServerEvent);
      } catch {
        // A frame that is not JSON is not ours to show; the connection stays useful.
      }
    };
    socket.onclose = (event) => {
      this.socket = null;
      if (this.stopped || !shouldReconnect(event.code)) {
        this.options.onStatus('closed');
        return;
      }
      this.options.onStatus('offline');
      const delay = reconnectDelay(this.attempt++, this.options.backoff ?? defaultBackoff, this.options.random);
      this.schedule(() => {
        if (!this.stopped) this.connect();
      }, delay);
    };
  }

  /** Sends a frame; false when offline (the caller keeps the message pending or falls back to REST). */
  send(frame: object): boolean {
    if (!this.socket || this.socket.readyState !== OPEN) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  close(): void {
    this.stopped = true;
    this.socket?.close(1000);
  }
}

export function socketUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}

import { describe, expect, it } from 'vitest';
import { ChatSocket, socketUrl, type ConnectionStatus } from './socket';

class FakeSocket {
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  readyState = 0;
  sent: string[] = [];
  send(data: string) { this.sent.push(data); }
  close() { this.readyState = 3; }
  open() { this.readyState = 1; this.onopen?.(new Event('open')); }
  drop(code = 1006) { this.readyState = 3; this.onclose?.({ code } as CloseEvent); }
  receive(data: unknown) { this.onmessage?.({ data: JSON.stringify(data) } as MessageEvent); }
}

function harness() {
  const sockets: FakeSocket[] = [];
  const timers: Array<{ fn: () => void; ms: number }> = [];
  const statuses: ConnectionStatus[] = [];
  const events: unknown[] = [];
  let reconnects = 0;
  const chat = new ChatSocket({
    url: 'ws://gateway/ws',
    onEvent: (e) => events.push(e),
    onStatus: (s) => statuses.push(s),
    onReconnected: () => reconnects++,
    createSocket: () => { const s = new FakeSocket(); sockets.push(s); return s; },
    schedule: (fn, ms) => timers.push({ fn, ms }),
    random: () => 1,
  });
  return { chat, sockets, timers, statuses, events, reconnects: () => reconnects };
}

describe('ChatSocket', () => {
  it('should pass server events to the app', () => {
    const h = harness();
    h.chat.connect();
    h.sockets[0].open();
    h.sockets[0].receive({ type: 'pong' });
    expect(h.events).toEqual([{ type: 'pong' }]);
  });

  it('should go offline on a drop and reconnect with growing back-off', () => {
    const h = harness();
    h.chat.connect();
    h.sockets[0].open();
    h.sockets[0].drop();
    expect(h.statuses.at(-1)).toBe('offline');
    expect(h.timers[0].ms).toBe(500);
    h.timers[0].fn();
    h.sockets[1].drop();
    expect(h.timers[1].ms).toBe(1000);
  });

  it('should ask the app to catch up after a reconnect but not after the first connect', () => {
    const h = harness();
    h.chat.connect();
    h.sockets[0].open();
    expect(h.reconnects()).toBe(0);
    h.sockets[0].drop();
    h.timers[0].fn();
    h.sockets[1].open();
    expect(h.reconnects()).toBe(1);
    expect(h.statuses.at(-1)).toBe('online');
  });

  it('should reset the back-off once connected again', () => {
    const h = harness();
    h.chat.connect();
    h.sockets[0].drop();
    h.timers[0].fn();
    h.sockets[1].open();
    h.sockets[1].drop();
    expect(h.timers[1].ms).toBe(500);
  });

  it('should not reconnect after a forbidden close or an explicit close', () => {
    const h = harness();
    h.chat.connect();
    h.sockets[0].open();
    h.sockets[0].drop(4003);
    expect(h.timers).toHaveLength(0);
    expect(h.statuses.at(-1)).toBe('closed');
  });

  it('should refuse to send while offline so the message stays pending', () => {
    const h = harness();
    h.chat.connect();
    expect(h.chat.send({ type: 'ping' })).toBe(false);
    h.sockets[0].open();
    expect(h.chat.send({ type: 'ping' })).toBe(true);
    expect(h.sockets[0].sent).toEqual(['{"type":"ping"}']);
  });

  it('should use wss behind https', () => {
    expect(socketUrl({ protocol: 'https:', host: 'chat.example' })).toBe('wss://chat.example/ws');
    expect(socketUrl({ protocol: 'http:', host: 'localhost:8080' })).toBe('ws://localhost:8080/ws');
  });
});

// The reference relay of bench/realtime: socket.io 4 with @socket.io/redis-adapter, no storage.
// Two of these processes (PORT 3001 and 3002) on the machine's Redis relay the benchmark's
// rooms. A socket joins the rooms named in its ?rooms= query; a "send" event takes a per-room
// seq from Redis (INCR, as the suite takes one from PostgreSQL), then goes to the whole room as
// the suite's message.created event and back to the sender as its ack: same shapes, same count.
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';

const port = Number(process.env.PORT || 3001);
const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379/10';

const pub = createClient({ url: redisUrl });
const sub = pub.duplicate();
const counters = pub.duplicate();
await Promise.all([pub.connect(), sub.connect(), counters.connect()]);

const httpServer = createServer();
const io = new Server(httpServer, {
  adapter: createAdapter(pub, sub, { key: 'bench-reference' }),
  transports: ['websocket'],
  serveClient: false,
});

io.on('connection', (socket) => {
  const rooms = String(socket.handshake.query.rooms || '').split(',').filter(Boolean);
  socket.join(rooms);
  socket.emit('event', { type: 'ready', userId: socket.id, connectionId: socket.id });
  socket.on('send', async (frame) => {
    if (!frame || !rooms.includes(frame.conversationId)) {
      socket.emit('event', { type: 'error', code: 'not-a-member', detail: 'not a member of that room' });
      return;
    }
    const seq = await counters.incr(`bench-reference:seq:${frame.conversationId}`);
    const message = {
      id: randomUUID(),
      conversationId: frame.conversationId,
      seq,
      senderId: socket.id,
      body: frame.body,
      attachments: [],
      clientMessageId: frame.clientMessageId,
      createdAt: new Date().toISOString(),
      editedAt: null,
      deletedAt: null,
    };
    io.to(frame.conversationId).emit('event', { type: 'message.created', message });
    socket.emit('event', { type: 'ack', clientMessageId: frame.clientMessageId, message });
  });
});

httpServer.listen(port, '127.0.0.1', () => console.log(`reference relay listening on ${port}`));

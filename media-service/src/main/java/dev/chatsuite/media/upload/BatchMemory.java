package dev.chatsuite.media.upload;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Direct buffers of one size for upload batches, handed back and reused rather than freed.
 * <p>
 * Netty's shared pool cannot hold them: Quarkus sets its chunks to 64 KiB, over which every
 * allocation is a fresh native allocation, zeroed and freed again for each batch
 * (docs/decisions.md). At most {@code kept} idle buffers stay.
 */
final class BatchMemory {

    private final int size;
    private final int kept;
    private final ConcurrentLinkedQueue<ByteBuf> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger idleCount = new AtomicInteger();

    BatchMemory(int size, int kept) {
        this.size = size;
        this.kept = kept;
    }

    /** An empty buffer of the batch size, a reused one when there is one. */
    ByteBuf take() {
        ByteBuf buffer = idle.poll();
        if (buffer == null) {
            return Unpooled.directBuffer(size);
        }
        idleCount.decrementAndGet();
        return buffer;
    }

    /**
     * Takes back a buffer nothing reads any more: kept for the next batch, or freed when enough
     * are kept already or it has grown past the batch size.
     */
    void give(ByteBuf buffer) {
        boolean reusable = buffer.capacity() == size && buffer.refCnt() == 1;
        if (reusable && idleCount.incrementAndGet() <= kept) {
            idle.offer(buffer.clear());
            return;
        }
        if (reusable) {
            // Counted above but not kept: enough are idle already.
            idleCount.decrementAndGet();
        }
        buffer.release();
    }

    /** Idle buffers held for reuse. */
    int idle() {
        return idleCount.get();
    }
}

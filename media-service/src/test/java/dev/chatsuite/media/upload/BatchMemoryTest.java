package dev.chatsuite.media.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;

class BatchMemoryTest {

    @Test
    void shouldReuseAGivenBackBufferEmpty() {
        BatchMemory memory = new BatchMemory(1024, 4);
        ByteBuf first = memory.take();
        first.writeBytes(new byte[100]);
        memory.give(first);

        ByteBuf second = memory.take();

        assertThat(second).isSameAs(first);
        assertThat(second.readableBytes()).isZero();
        assertThat(second.isDirect()).isTrue();
        assertThat(second.capacity()).isEqualTo(1024);
        assertThat(memory.idle()).isZero();
        second.release();
    }

    @Test
    void shouldFreeBuffersBeyondTheNumberKept() {
        BatchMemory memory = new BatchMemory(1024, 2);
        List<ByteBuf> taken = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            taken.add(memory.take());
        }

        taken.forEach(memory::give);

        assertThat(memory.idle()).isEqualTo(2);
        assertThat(taken.get(2).refCnt()).isZero();
        assertThat(taken.get(0).refCnt()).isEqualTo(1);
    }

    @Test
    void shouldFreeABufferThatGrewPastTheBatchSize() {
        BatchMemory memory = new BatchMemory(1024, 4);
        ByteBuf grown = memory.take();
        grown.writeBytes(new byte[4096]);

        memory.give(grown);

        assertThat(grown.refCnt()).isZero();
        assertThat(memory.idle()).isZero();
        assertThat(memory.take()).isNotSameAs(grown);
    }
}

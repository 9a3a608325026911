package dev.chatsuite.messaging.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.chatsuite.messaging.fanout.MessageLog;
import dev.chatsuite.messaging.fanout.Publication;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

class GapFillsTest {

    private final List<UniEmitter<? super List<Publication>>> reads = new ArrayList<>();
    private final List<String> asked = new ArrayList<>();
    private final MessageLog log = new MessageLog() {
        @Override
        public Uni<Map<UUID, Long>> positions(UUID user) {
            return Uni.createFrom().item(Map.of());
        }

        @Override
        public Uni<Long> joinedSeq(UUID conversation, UUID user) {
            asked.add("joined " + user);
            return Uni.createFrom().item(3L);
        }

        @Override
        public Uni<List<Publication>> created(UUID conversation, long after, long before, int limit) {
            return Uni.createFrom().emitter(e -> {
                asked.add(after + ".." + before);
                reads.add(e);
            });
        }
    };
    private final GapFills fills = new GapFills(log, Runnable::run);
    private final UUID conversation = UUID.randomUUID();

    @Test
    void shouldShareOneReadBetweenTheSocketsMissingTheSameRange() {
        List<List<Publication>> answers = new ArrayList<>();
        fills.of(UUID.randomUUID()).fetch(conversation, 3, 7, 10).subscribe().with(answers::add);
        fills.of(UUID.randomUUID()).fetch(conversation, 3, 7, 10).subscribe().with(answers::add);
        assertThat(asked).containsExactly("3..7");
        reads.get(0).complete(List.of(Publication.created(conversation, 4, "c4")));
        assertThat(answers).hasSize(2).allSatisfy(found -> assertThat(found).extracting(Publication::seq).containsExactly(4L));
        assertThat(fills.inFlight()).isZero();

        fills.of(UUID.randomUUID()).fetch(conversation, 3, 7, 10).subscribe().with(answers::add);
        assertThat(asked).as("a finished read is not reused").containsExactly("3..7", "3..7");
    }

    @Test
    void shouldAskWhereTheSocketsOwnUserJoined() {
        UUID user = UUID.randomUUID();
        assertThat(fills.of(user).joinedSeq(conversation).await().indefinitely()).isEqualTo(3L);
        assertThat(asked).containsExactly("joined " + user);
    }

    @Test
    void shouldForgetAFailedReadSoTheRetryReadsAgain() {
        List<Throwable> failures = new ArrayList<>();
        fills.of(UUID.randomUUID()).fetch(conversation, 1, 3, 10).subscribe().with(x -> {
        }, failures::add);
        reads.get(0).fail(new IllegalStateException("down"));
        assertThat(failures).hasSize(1);
        fills.of(UUID.randomUUID()).fetch(conversation, 1, 3, 10).subscribe().with(x -> {
        }, failures::add);
        assertThat(asked).hasSize(2);
    }
}

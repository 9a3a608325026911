package dev.chatsuite.messaging.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.chatsuite.messaging.fanout.Publication;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

/** Order on one socket, without a server: every case ends with seq strictly increasing and nothing missing. */
class DeliveryOrderTest {

    private static final UUID C = UUID.randomUUID();
    private static final UUID OTHER = UUID.randomUUID();
    private final List<String> sent = new ArrayList<>();
    private final List<Fetch> fetches = new ArrayList<>();
    private final List<UniEmitter<? super Long>> joins = new ArrayList<>();
    private final Map<Long, Runnable> timers = new LinkedHashMap<>();
    private long nextTimer;
    private int pending;
    private boolean overflowed;
    private DeliveryOrder order;

    record Fetch(UUID conversation, long after, long before, UniEmitter<? super List<Publication>> answer) {
        void answer(Publication... found) {
            answer.complete(List.of(found));
        }

        void fail() {
            answer.fail(new IllegalStateException("PostgreSQL is down"));
        }
    }

    @BeforeEach
    void setUp() {
        order = order(8);
    }

    private DeliveryOrder order(int maxHeld) {
        DeliveryOrder.Out out = new DeliveryOrder.Out() {
            @Override
            public boolean send(String frame) {
                sent.add(frame);
                return true;
            }

            @Override
            public int pending() {
                return pending;
            }

            @Override
            public void overflow() {
                overflowed = true;
            }
        };
        DeliveryOrder.Fills fills = new DeliveryOrder.Fills() {
            @Override
            public Uni<Long> joinedSeq(UUID conversation) {
                return Uni.createFrom().emitter(e -> joins.add(e));
            }

            @Override
            public Uni<List<Publication>> fetch(UUID conversation, long after, long before, int limit) {
                return Uni.createFrom().emitter(e -> fetches.add(new Fetch(conversation, after, before, e)));
            }
        };
        DeliveryOrder.Timers clock = new DeliveryOrder.Timers() {
            @Override
            public long schedule(long delayMillis, Runnable task) {
                timers.put(++nextTimer, task);
                return nextTimer;
            }

            @Override
            public void cancel(long timer) {
                timers.remove(timer);
            }
        };
        return new DeliveryOrder(out, fills, clock, Runnable::run, maxHeld, new DeliveryOrder.Timing(20, 100, 5000));
    }

    private static Publication created(long seq) {
        return created(C, seq);
    }

    private static Publication created(UUID conversation, long seq) {
        return Publication.created(conversation, seq, (conversation == C ? "c" : "o") + seq);
    }

    private void fireTimers() {
        List<Runnable> due = new ArrayList<>(timers.values());
        timers.clear();
        due.forEach(Runnable::run);
    }

    private void start(long last) {
        Map<UUID, Long> positions = new HashMap<>();
        positions.put(C, last);
        order.start(positions);
    }

    @Test
    void shouldSendInOrderArrivalsAtOnceWithoutReadingStorage() {
        start(0);
        order.accept(created(1));
        order.accept(created(2));
        order.accept(created(3));
        assertThat(sent).containsExactly("c1", "c2", "c3");
        assertThat(fetches).isEmpty();
        assertThat(timers).isEmpty();
    }

    @Test
    void shouldHoldAnEarlyArrivalUntilTheMissingOneComes() {
        start(0);
        order.accept(created(2));
        assertThat(sent).isEmpty();
        order.accept(created(1));
        assertThat(sent).containsExactly("c1", "c2");
        fireTimers();
        assertThat(fetches).as("the gap closed by itself: no read").isEmpty();
    }

    @Test
    void shouldHoldAgainAfterAnEarlierGapHasClosed() {
        start(0);
        order.accept(created(2));
        order.accept(created(1));
        assertThat(order.held()).isZero();
        order.accept(Publication.changed(C, 4, "u4"));
        order.accept(created(5));
        order.accept(created(3));
        assertThat(sent).containsExactly("c1", "c2", "c3");
        assertThat(order.held()).isEqualTo(2);
        order.accept(created(4));
        assertThat(sent).containsExactly("c1", "c2", "c3", "c4", "c5", "u4");
        assertThat(order.held()).isZero();
        fireTimers();
        assertThat(fetches).as("every gap closed by itself: no read").isEmpty();
    }

    @Test
    void shouldDropDuplicatesAndWhatIsAtOrBelowTheBaseline() {
        start(5);
        order.accept(created(4));
        order.accept(created(5));
        order.accept(created(6));
        order.accept(created(6));
        order.accept(created(5));
        order.accept(created(7));
        assertThat(sent).containsExactly("c6", "c7");
    }

    @Test
    void shouldFillAGapFromStorageAndThenReleaseWhatWasHeld() {
        start(0);
        order.accept(created(3));
        order.accept(created(4));
        assertThat(sent).isEmpty();
        fireTimers();
        assertThat(fetches).hasSize(1);
        Fetch fetch = fetches.get(0);
        assertThat(fetch.after()).isZero();
        assertThat(fetch.before()).isEqualTo(3);
        fetch.answer(created(1), created(2));
        assertThat(sent).containsExactly("c1", "c2", "c3", "c4");
    }

    @Test
    void shouldRetryAFailedFillWithBackOffAndNeverReleaseOutOfOrder() {
        start(0);
        order.accept(created(2));
        fireTimers();
        fetches.get(0).fail();
        order.accept(created(3));
        assertThat(sent).as("nothing leaves while the gap is open").isEmpty();
        assertThat(timers).as("a retry is planned").hasSize(1);
        fireTimers();
        assertThat(fetches).hasSize(2);
        fetches.get(1).fail();
        fireTimers();
        assertThat(fetches).hasSize(3);
        fetches.get(2).answer(created(1));
        assertThat(sent).containsExactly("c1", "c2", "c3");
        assertThat(overflowed).isFalse();
    }

    @Test
    void shouldDropALateRedisDeliveryThatAFillAlreadyDelivered() {
        start(5);
        order.accept(created(7));
        fireTimers();
        fetches.get(0).answer(created(6));
        order.accept(created(6));
        order.accept(created(8));
        assertThat(sent).containsExactly("c6", "c7", "c8");
    }

    @Test
    void shouldTakeALiveArrivalInsideAPendingFillAndIgnoreItWhenTheFillReturns() {
        start(0);
        order.accept(created(3));
        fireTimers();
        order.accept(created(1));
        assertThat(sent).containsExactly("c1");
        fetches.get(0).answer(created(1), created(2));
        assertThat(sent).containsExactly("c1", "c2", "c3");
    }

    @Test
    void shouldTrustStorageWhenAFilledRangeHoldsLessThanExpected() {
        start(0);
        order.accept(created(3));
        fireTimers();
        fetches.get(0).answer(created(2));
        assertThat(sent).containsExactly("c2", "c3");
        order.accept(created(4));
        assertThat(sent).endsWith("c4");
    }

    @Test
    void shouldOverflowInsteadOfHoldingMoreThanTheOutboxBound() {
        start(0);
        for (long seq = 2; seq <= 10; seq++) {
            order.accept(created(seq));
        }
        assertThat(overflowed).isTrue();
        assertThat(sent).isEmpty();
        order.accept(created(1));
        assertThat(sent).as("a closed order sends nothing more").isEmpty();
    }

    @Test
    void shouldOverflowWhenTheGapIsLargerThanTheBound() {
        start(0);
        order.accept(created(50));
        fireTimers();
        assertThat(fetches).isEmpty();
        assertThat(overflowed).isTrue();
    }

    @Test
    void shouldCountFramesInFlightAgainstTheBound() {
        start(0);
        pending = 7;
        order.accept(created(2));
        order.accept(created(3));
        assertThat(overflowed).isTrue();
    }

    @Test
    void shouldHoldAnUpdateUntilTheCreatedOfItsMessageHasGone() {
        start(1);
        order.accept(Publication.changed(C, 2, "u2"));
        assertThat(sent).isEmpty();
        order.accept(created(2));
        assertThat(sent).containsExactly("c2", "u2");
        order.accept(Publication.changed(C, 1, "u1"));
        assertThat(sent).endsWith("u1");
    }

    @Test
    void shouldFillTheCreatedOfAnUpdateThatNeverArrived() {
        start(1);
        order.accept(Publication.changed(C, 2, "u2"));
        fireTimers();
        assertThat(fetches.get(0).before()).isEqualTo(3);
        fetches.get(0).answer(created(2));
        assertThat(sent).containsExactly("c2", "u2");
    }

    @Test
    void shouldPassOtherEventsStraightThroughEvenWhileAGapIsOpen() {
        start(0);
        order.accept(created(2));
        order.accept(Publication.ofConversation(C, "typing"));
        order.accept(Publication.ofUser("presence"));
        assertThat(sent).containsExactly("typing", "presence");
    }

    @Test
    void shouldKeepWhatArrivesBeforeTheStartAndSortItOutAfterwards() {
        order.accept(created(6));
        order.accept(created(5));
        order.accept(Publication.ofUser("presence"));
        assertThat(sent).isEmpty();
        start(5);
        assertThat(sent).containsExactly("c6", "presence");
    }

    @Test
    void shouldStartAConversationJoinedAfterTheStartWhereTheUserJoinedIt() {
        start(0);
        order.accept(created(OTHER, 4));
        assertThat(joins).as("looked up at once, no grace").hasSize(1);
        joins.get(0).complete(2L);
        fireTimers();
        Fetch fetch = fetches.get(0);
        assertThat(fetch.conversation()).isEqualTo(OTHER);
        assertThat(fetch.after()).isEqualTo(2);
        assertThat(fetch.before()).isEqualTo(4);
        fetch.answer(created(OTHER, 3));
        order.accept(created(OTHER, 5));
        assertThat(sent).containsExactly("o3", "o4", "o5");
    }

    @Test
    void shouldNotFillBelowWhereTheUserJoinedWhenAnEditComesFirst() {
        start(0);
        order.accept(Publication.changed(OTHER, 5, "u5"));
        joins.get(0).complete(100L);
        assertThat(sent).containsExactly("u5");
        order.accept(created(OTHER, 101));
        assertThat(sent).containsExactly("u5", "o101");
        assertThat(fetches).isEmpty();
    }

    @Test
    void shouldDeliverWhatArrivesForAConversationTheUserHasLeft() {
        start(0);
        order.accept(created(OTHER, 7));
        joins.get(0).complete(-1L);
        assertThat(sent).containsExactly("o7");
    }

    @Test
    void shouldRetryABaselineLookUpThatFailed() {
        start(0);
        order.accept(created(OTHER, 1));
        joins.get(0).fail(new IllegalStateException("down"));
        assertThat(sent).isEmpty();
        fireTimers();
        joins.get(1).complete(0L);
        assertThat(sent).containsExactly("o1");
    }

    @Test
    void shouldKeepConversationsIndependent() {
        Map<UUID, Long> positions = new HashMap<>();
        positions.put(C, 0L);
        positions.put(OTHER, 0L);
        order.start(positions);
        order.accept(created(2));
        order.accept(created(OTHER, 1));
        assertThat(sent).containsExactly("o1");
    }

    @Test
    void shouldFillWhatStorageHoldsBeyondWhatWasDeliveredAfterAResubscription() {
        start(2);
        order.resync(Map.of(C, 4L));
        assertThat(fetches).hasSize(1);
        assertThat(fetches.get(0).after()).isEqualTo(2);
        assertThat(fetches.get(0).before()).isEqualTo(5);
        fetches.get(0).answer(created(3), created(4));
        order.accept(created(5));
        assertThat(sent).containsExactly("c3", "c4", "c5");
    }

    @Test
    void shouldApplyAResyncAskedBeforeTheStartRightAfterIt() {
        // A conversation joined while the socket was opening: its position arrives before the baseline.
        order.resync(Map.of(OTHER, 3L));
        assertThat(joins).as("nothing read before the start").isEmpty();
        start(0);
        assertThat(joins).as("the joined conversation's start is looked up").hasSize(1);
        joins.get(0).complete(1L);
        fireTimers();
        assertThat(fetches).hasSize(1);
        assertThat(fetches.get(0).conversation()).isEqualTo(OTHER);
        assertThat(fetches.get(0).after()).isEqualTo(1);
        assertThat(fetches.get(0).before()).isEqualTo(4);
        fetches.get(0).answer(created(OTHER, 2), created(OTHER, 3));
        order.accept(created(OTHER, 4));
        assertThat(sent).containsExactly("o2", "o3", "o4");
    }

    @Test
    void shouldPassNothingOfAJoinedNoticeToTheClient() {
        start(0);
        order.accept(Publication.joined(OTHER));
        assertThat(sent).isEmpty();
        assertThat(joins).isEmpty();
    }

    @Test
    void shouldStopItsTimersAndSendNothingOnceDisposed() {
        start(0);
        order.accept(created(2));
        order.dispose();
        assertThat(timers).isEmpty();
        order.accept(created(1));
        assertThat(sent).isEmpty();
    }
}

package dev.chatsuite.messaging.message;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.chatsuite.common.problem.CommonProblem;
import dev.chatsuite.messaging.MessagingConfig;
import dev.chatsuite.messaging.fanout.Broker;
import dev.chatsuite.messaging.fanout.Publication;
import dev.chatsuite.messaging.message.MessageRepository.Draft;
import dev.chatsuite.messaging.message.MessageRepository.Posted;
import dev.chatsuite.messaging.message.PostWire.Answer;
import dev.chatsuite.messaging.message.PostWire.Request;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;

/**
 * Stores each plain post at its conversation's owner ({@link PostOwners}): here when this
 * instance owns it, else sent over the broker to the owner's {@link PostLanes} and answered the
 * same way. Whoever stores a post hands its {@code message.created} to the broker and then
 * answers at once, without waiting for the broker to confirm it: the answer means stored, and
 * the publication leaves first on the event loop's own pipelined connection (through the pool,
 * while that is not up, the answer may overtake it). An owner that
 * serves nothing (stopped, crashed) is skipped at once and the post is stored here. A post
 * already sent to an owner that then stops announcing itself, or that does not answer within
 * the timeout, gives 503, since it may be stored (a client retries with its clientMessageId).
 */
@ApplicationScoped
public class PostRouter {

    private static final Logger LOG = Logger.getLogger(PostRouter.class);
    private static final String UNIQUE_VIOLATION = "23505";

    private final BiFunction<UUID, Draft, Uni<Optional<Posted>>> local;
    private final Function<Posted, Uni<Void>> publish;
    private final PostOwners owners;
    private final Broker broker;
    private final Vertx vertx;
    private final long timeoutMillis;
    private final Counter forwarded;
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    private record Pending(UUID owner, UUID conversation, Draft draft, UniEmitter<? super Optional<Posted>> emitter, Context context, long timer) {
    }

    @Inject
    PostRouter(PostLanes lanes, EventPublisher events, PostOwners owners, Broker broker, Vertx vertx, MessagingConfig config, MeterRegistry registry) {
        this(lanes::post, events::created, owners, broker, vertx, config.postForwardTimeout(), registry);
    }

    PostRouter(BiFunction<UUID, Draft, Uni<Optional<Posted>>> local, Function<Posted, Uni<Void>> publish, PostOwners owners, Broker broker,
            Vertx vertx, Duration timeout, MeterRegistry registry) {
        this.local = local;
        this.publish = publish;
        this.owners = owners;
        this.broker = broker;
        this.vertx = vertx;
        this.timeoutMillis = timeout.toMillis();
        this.forwarded = Counter.builder("chat.posts.forwarded").description("Plain posts sent to their conversation's owner instance").register(registry);
    }

    void start(@Observes StartupEvent event) {
        serve();
    }

    /** Takes requests and answers on this instance's address. */
    Uni<Void> serve() {
        if (!owners.enabled()) {
            return Uni.createFrom().voidItem();
        }
        vertx.setPeriodic(PostOwners.BEAT_MILLIS, t -> sweep());
        Uni<Void> held = broker.serve(owners.self(), this::received).memoize().indefinitely();
        held.subscribe().with(v -> {
        }, failure -> LOG.warnf("Could not serve posts for other instances: %s", failure.getClass().getSimpleName()));
        return held;
    }

    /** Stores {@code draft} in {@code conversation} at its owner, who publishes it; empty when its sender does not take part. */
    public Uni<Optional<Posted>> post(UUID conversation, Draft draft) {
        UUID owner = owners.ownerOf(conversation);
        return owner.equals(owners.self()) ? storeAndPublish(conversation, draft) : forward(owner, conversation, draft);
    }

    private Uni<Optional<Posted>> storeAndPublish(UUID conversation, Draft draft) {
        return local.apply(conversation, draft).invoke(stored -> stored.ifPresent(this::publish));
    }

    /** Sends the event now; its confirmation is not waited for (a failure is logged by the publisher, and readers fill a gap from storage). */
    private void publish(Posted posted) {
        publish.apply(posted).subscribe().with(v -> {
        }, failure -> LOG.debugf("A stored post's event could not be published: %s", failure.getClass().getSimpleName()));
    }

    private Uni<Optional<Posted>> forward(UUID owner, UUID conversation, Draft draft) {
        return Uni.createFrom().emitter(emitter -> {
            Context context = Vertx.currentContext();
            long q = ids.incrementAndGet();
            long timer = vertx.setTimer(timeoutMillis, t -> unconfirmed(q));
            Pending waiting = new Pending(owner, conversation, draft, emitter, context, timer);
            pending.put(q, waiting);
            forwarded.increment();
            broker.send(owner, Publication.toInstance(PostWire.encode(new Request(q, owners.self(), conversation, draft.id(), draft.sender(),
                    draft.body(), draft.clientMessageId(), draft.createdAt())))).subscribe().with(served -> {
                        if (!served) {
                            owners.gone(owner);
                            storeHere(q);
                        }
                    }, failure -> storeHere(q));
        });
    }

    /** Fails the posts waiting for an owner that no longer announces itself. */
    void sweep() {
        pending.forEach((q, waiting) -> {
            if (!owners.live(waiting.owner())) {
                vertx.cancelTimer(waiting.timer());
                unconfirmed(q);
            }
        });
    }

    /** No answer came, and the post may be stored: 503, to be retried with its clientMessageId. */
    private void unconfirmed(long q) {
        Pending late = pending.remove(q);
        if (late != null) {
            answer(late, () -> late.emitter().fail(CommonProblem.SERVICE_UNAVAILABLE.exception(
                    "The message could not be confirmed; retry with the same clientMessageId.")));
        }
    }

    /** The owner could not be reached: nothing was sent, so the post is stored here. */
    private void storeHere(long q) {
        Pending waiting = pending.remove(q);
        if (waiting != null) {
            vertx.cancelTimer(waiting.timer());
            answer(waiting, () -> storeAndPublish(waiting.conversation(), waiting.draft()).subscribe().with(waiting.emitter()::complete,
                    waiting.emitter()::fail));
        }
    }

    private void received(Publication publication) {
        String body = publication.frame();
        Request request = PostWire.request(body);
        if (request != null) {
            stored(request);
            return;
        }
        Answer answer = PostWire.answer(body);
        if (answer != null) {
            answered(answer);
        } else {
            LOG.debugf("Dropped an unreadable instance message of %d characters", body.length());
        }
    }

    /** At the owner: stores the post through the lanes, publishes it and answers its sender. */
    private void stored(Request request) {
        Draft draft = new Draft(request.id(), request.sender(), request.body(), request.clientMessageId(), request.createdAt());
        storeAndPublish(request.conversation(), draft).subscribe().with(
                stored -> reply(request.from(), new Answer(request.q(), stored.map(p -> p.message().seq()).orElse(null),
                        stored.map(Posted::participants).orElse(null), null)),
                failure -> reply(request.from(), new Answer(request.q(), null, null, failureOf(failure))));
    }

    private void reply(UUID to, Answer answer) {
        broker.send(to, Publication.toInstance(PostWire.encode(answer))).subscribe().with(served -> {
        }, failure -> LOG.debugf("Could not answer a forwarded post: %s", failure.getClass().getSimpleName()));
    }

    private static String failureOf(Throwable failure) {
        return failure instanceof PgException pg && pg.getSqlState() != null ? pg.getSqlState() : "unavailable";
    }

    /** At the sender's instance: completes the waiting post on the context it came from. */
    private void answered(Answer answer) {
        Pending waiting = pending.remove(answer.q());
        if (waiting == null) {
            return;
        }
        vertx.cancelTimer(waiting.timer());
        Draft d = waiting.draft();
        if (answer.failure() != null) {
            Throwable failure = UNIQUE_VIOLATION.equals(answer.failure())
                    ? new PgException("duplicate key", "ERROR", UNIQUE_VIOLATION, null)
                    : CommonProblem.SERVICE_UNAVAILABLE.exception("The message could not be stored; retry shortly.");
            answer(waiting, () -> waiting.emitter().fail(failure));
        } else if (answer.seq() == null) {
            answer(waiting, () -> waiting.emitter().complete(Optional.empty()));
        } else {
            Posted posted = new Posted(new StoredMessage(d.id(), waiting.conversation(), answer.seq(), d.sender(), d.body(), List.of(),
                    d.clientMessageId(), d.createdAt(), null, null, null), List.copyOf(answer.recipients()));
            answer(waiting, () -> waiting.emitter().complete(Optional.of(posted)));
        }
    }

    private static void answer(Pending waiting, Runnable answer) {
        CallerContext.answer(waiting.context(), answer);
    }

    /** For tests: posts waiting for their owner's answer. */
    int waiting() {
        return pending.size();
    }
}

package dev.chatsuite.messaging.message;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.chatsuite.common.problem.FieldError;
import dev.chatsuite.common.problem.ProblemException;
import dev.chatsuite.messaging.MessagingProblem;
import dev.chatsuite.messaging.caller.Caller;
import dev.chatsuite.messaging.fanout.Broker;
import dev.chatsuite.messaging.participant.Participants;
import dev.chatsuite.messaging.readside.Reads;
import io.smallrye.mutiny.Uni;

/** Reactions: one emoji per reaction, idempotent put and delete, an event only when something changed. */
@ApplicationScoped
public class ReactionService {

    private static final Logger LOG = Logger.getLogger(ReactionService.class);
    /** Problem slug of a put past {@link Reactions#MAX_DISTINCT} distinct emoji. */
    private final Reactions reactions;
    private final Participants participants;
    private final Broker broker;
    private final Reads reads;

    public ReactionService(Reactions reactions, Participants participants, Broker broker, Reads reads) {
        this.reactions = reactions;
        this.reads = reads;
        this.participants = participants;
        this.broker = broker;
    }

    public Uni<Void> put(Caller caller, UUID message, String emoji) {
        if (!Emoji.isOne(emoji)) {
            throw ProblemException.badRequest("A reaction is exactly one emoji.", List.of(new FieldError("emoji", "Must be a single emoji.")));
        }
        return reactions.put(message, caller.userId(), emoji, MessageService.now()).chain(change -> {
            if (change == null) {
                return Uni.createFrom().failure(notFound());
            }
            if (change.target().deleted()) {
                return Uni.createFrom().failure(MessagingProblem.MESSAGE_DELETED.exception("A deleted message cannot get reactions."));
            }
            return switch (change.outcome()) {
                case ADDED -> publish(change.target(), message, emoji, caller.userId(), true);
                case ALREADY_THERE -> Uni.createFrom().voidItem();
                case TOO_MANY -> Uni.createFrom().failure(MessagingProblem.TOO_MANY_REACTIONS.exception(
                        "A message has at most " + Reactions.MAX_DISTINCT + " different emoji; react with one it already has.",
                        List.of(new FieldError("emoji", "At most " + Reactions.MAX_DISTINCT + " different emoji per message."))));
            };
        });
    }

    public Uni<Void> remove(Caller caller, UUID message, String emoji) {
        return reactions.remove(message, caller.userId(), emoji).chain(change -> {
            if (change == null) {
                return Uni.createFrom().failure(notFound());
            }
            return change.outcome() ? publish(change.target(), message, emoji, caller.userId(), false) : Uni.createFrom().voidItem();
        });
    }

    /** After the commit, to every participant (the reactor's other tabs too); a failure is logged, clients reload the page. */
    private Uni<Void> publish(Reactions.Target target, UUID message, String emoji, UUID user, boolean added) {
        reads.changed(user, target.conversationId());
        return participants.of(target.conversationId())
                .chain(users -> broker.publish(users, Events.reaction(target.conversationId(), message, target.seq(), emoji, user, added)))
                .onFailure().invoke(e -> LOG.warnf("A reaction event could not be published: %s", e.getClass().getSimpleName()))
                .onFailure().recoverWithNull();
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("No message with this id is visible to you.");
    }
}

package dev.chatsuite.messaging.realtime;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chatsuite.common.problem.CommonProblem;
import dev.chatsuite.common.problem.ProblemException;
import dev.chatsuite.common.problem.ProblemType;
import dev.chatsuite.common.time.Timestamps;
import dev.chatsuite.messaging.participant.Participants;
import dev.chatsuite.messaging.fanout.Broker;
import dev.chatsuite.messaging.fanout.Publication;
import dev.chatsuite.messaging.message.MessageService;
import dev.chatsuite.messaging.message.MessageView;
import dev.chatsuite.messaging.message.PostMessageRequest;
import dev.chatsuite.messaging.message.ReadRequest;
import io.smallrye.mutiny.Uni;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;

/**
 * The client-to-server frames. {@code send} and {@code read} go through the same rules as REST
 * ({@link MessageService}); typing and location are ephemeral, checked against membership and
 * published to the other participants only. Every refusal is an {@code error} event; the
 * connection stays open unless the client keeps sending bad frames.
 */
@ApplicationScoped
@RegisterForReflection(targets = Frames.Ack.class)
public class Frames {

    /** The sender's answer to {@code send}, encoded in one pass (no map copy of the message). */
    public record Ack(String type, String clientMessageId, MessageView message) {
        Ack(String clientMessageId, MessageView message) {
            this("ack", clientMessageId, message);
        }
    }

    private static final String PONG = "{\"type\":\"pong\"}";

    private final MessageService messages;
    private final Participants participants;
    private final Broker broker;
    private final RealtimeConfig config;

    public Frames(MessageService messages, Participants participants, Broker broker, RealtimeConfig config) {
        this.messages = messages;
        this.participants = participants;
        this.broker = broker;
        this.config = config;
    }

    Uni<Void> handle(ChatSession session, String text) {
        ClientFrame frame = ClientFrame.parse(text);
        String ref = frame instanceof ClientFrame.Send send ? send.clientMessageId()
                : frame instanceof ClientFrame.Invalid invalid ? invalid.ref() : null;
        Uni<Void> handled;
        try {
            if (frame instanceof ClientFrame.Ping) {
                session.send(PONG);
                handled = Uni.createFrom().voidItem();
            } else if (frame instanceof ClientFrame.Send send) {
                handled = send(session, send);
            } else if (frame instanceof ClientFrame.Read read) {
                handled = messages.markRead(session.caller(), read.conversationId(), new ReadRequest(read.seq()));
            } else if (frame instanceof ClientFrame.Typing typing) {
                handled = typing(session, typing.conversationId());
            } else if (frame instanceof ClientFrame.Location location) {
                handled = location(session, location);
            } else {
                ClientFrame.Invalid invalid = (ClientFrame.Invalid) frame;
                handled = error(session, invalid.problem(), invalid.ref());
            }
        } catch (ProblemException e) {
            return error(session, e, ref);
        }
        return handled.onFailure(ProblemException.class).recoverWithUni(e -> error(session, (ProblemException) e, ref))
                .onFailure().recoverWithUni(e -> {
                    session.send(new JsonObject().put("type", "error").put("code", CommonProblem.INTERNAL_ERROR.slug())
                            .put("detail", "The frame could not be handled; retry.").put("ref", ref));
                    return Uni.createFrom().voidItem();
                });
    }

    private Uni<Void> send(ChatSession session, ClientFrame.Send frame) {
        return messages.post(session.caller(), frame.conversationId(), new PostMessageRequest(frame.body(), frame.attachmentIds(), frame.clientMessageId(), frame.replyToId()))
                .invoke(outcome -> session.send(Json.encode(new Ack(frame.clientMessageId(), outcome.message()))))
                .replaceWithVoid();
    }

    private Uni<Void> typing(ChatSession session, UUID conversation) {
        if (!session.mayAnnounceTyping(conversation.toString())) {
            return Uni.createFrom().voidItem();
        }
        JsonObject event = new JsonObject().put("type", "typing").put("conversationId", conversation.toString())
                .put("userId", session.caller().userId().toString());
        return toOthers(session, conversation, event);
    }

    private Uni<Void> location(ChatSession session, ClientFrame.Location frame) {
        JsonObject event = new JsonObject().put("type", "location").put("conversationId", frame.conversationId().toString())
                .put("userId", session.caller().userId().toString()).put("lat", frame.lat()).put("lng", frame.lng())
                .put("accuracy", frame.accuracy()).put("at", Timestamps.format(Instant.now()));
        return toOthers(session, frame.conversationId(), event);
    }

    /** Ephemeral events reach the other participants only, and only from a participant. */
    private Uni<Void> toOthers(ChatSession session, UUID conversation, JsonObject event) {
        return participants.of(conversation).chain(users -> {
            UUID me = session.caller().userId();
            if (!users.contains(me)) {
                return Uni.createFrom().failure(ProblemException.notFound("No conversation with this id is visible to you."));
            }
            return broker.publish(users.stream().filter(u -> !u.equals(me)).toList(), Publication.ofConversation(conversation, event.encode()));
        });
    }

    private Uni<Void> error(ChatSession session, ProblemException e, String ref) {
        String type = e.type();
        String code = type.startsWith(ProblemType.BASE) ? type.substring(ProblemType.BASE.length()) : "error";
        JsonObject event = new JsonObject().put("type", "error").put("code", code).put("detail", e.getMessage());
        if (ref != null) {
            event.put("ref", ref);
        }
        if (e.status() == 400 && session.badFrame(config.maxBadFrames())) {
            session.close(ChatSession.PROTOCOL, "Too many bad frames.");
            return Uni.createFrom().voidItem();
        }
        session.send(event);
        return Uni.createFrom().voidItem();
    }

}

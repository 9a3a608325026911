package dev.chatsuite.messaging.realtime;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chatsuite.common.problem.ProblemException;
import dev.chatsuite.common.problem.ProblemType;
import dev.chatsuite.common.time.Timestamps;
import dev.chatsuite.messaging.conversation.ConversationRepository;
import dev.chatsuite.messaging.event.EventPublisher;
import dev.chatsuite.messaging.message.MessageService;
import dev.chatsuite.messaging.message.PostMessageRequest;
import dev.chatsuite.messaging.message.ReadRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The client-to-server frames. {@code send} and {@code read} go through the same rules as REST
 * ({@link MessageService}); typing and location are ephemeral, checked against membership and
 * published to the other participants only. Every refusal is an {@code error} event; the
 * connection stays open unless the client keeps sending bad frames.
 */
@ApplicationScoped
public class Frames {

    private final MessageService messages;
    private final ConversationRepository conversations;
    private final EventPublisher events;
    private final RealtimeConfig config;

    public Frames(MessageService messages, ConversationRepository conversations, EventPublisher events, RealtimeConfig config) {
        this.messages = messages;
        this.conversations = conversations;
        this.events = events;
        this.config = config;
    }

    Uni<Void> handle(ChatSession session, String text) {
        JsonObject frame;
        try {
            frame = new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            return bad(session, "bad-frame", "Frames are JSON objects with a type.", null);
        }
        String type = frame.getValue("type") instanceof String t ? t : "";
        String ref = frame.getValue("clientMessageId") instanceof String r ? r : null;
        Uni<Void> handled;
        try {
            handled = switch (type) {
                case "ping" -> {
                    session.send(new JsonObject().put("type", "pong"));
                    yield Uni.createFrom().voidItem();
                }
                case "send" -> send(session, frame);
                case "read" -> messages.markRead(session.caller(), conversation(frame), new ReadRequest(number(frame, "seq")));
                case "typing" -> typing(session, frame);
                case "location" -> location(session, frame);
                default -> bad(session, "unknown-type", "Unknown frame type '" + type + "'.", ref);
            };
        } catch (ProblemException e) {
            return error(session, e, ref);
        }
        return handled.onFailure(ProblemException.class).recoverWithUni(e -> error(session, (ProblemException) e, ref))
                .onFailure().recoverWithUni(e -> {
                    session.send(new JsonObject().put("type", "error").put("code", "internal-error")
                            .put("detail", "The frame could not be handled; retry.").put("ref", ref));
                    return Uni.createFrom().voidItem();
                });
    }

    private Uni<Void> send(ChatSession session, JsonObject frame) {
        String clientMessageId = frame.getValue("clientMessageId") instanceof String r ? r : null;
        if (clientMessageId == null) {
            throw ProblemException.badRequest("A send frame needs a clientMessageId.", null);
        }
        List<UUID> attachments = new ArrayList<>();
        if (frame.getValue("attachmentIds") instanceof JsonArray ids) {
            for (Object id : ids) {
                attachments.add(uuid(String.valueOf(id), "attachmentIds"));
            }
        }
        String body = frame.getValue("body") instanceof String b ? b : null;
        return messages.post(session.caller(), conversation(frame), new PostMessageRequest(body, attachments, clientMessageId))
                .invoke(outcome -> session.send(new JsonObject().put("type", "ack").put("clientMessageId", clientMessageId)
                        .put("message", JsonObject.mapFrom(outcome.message()))))
                .replaceWithVoid();
    }

    private Uni<Void> typing(ChatSession session, JsonObject frame) {
        UUID conversation = conversation(frame);
        if (!session.mayAnnounceTyping(conversation.toString(), config.typingInterval().toMillis())) {
            return Uni.createFrom().voidItem();
        }
        JsonObject event = new JsonObject().put("type", "typing").put("conversationId", conversation.toString())
                .put("userId", session.caller().userId().toString());
        return toOthers(session, conversation, event);
    }

    private Uni<Void> location(ChatSession session, JsonObject frame) {
        UUID conversation = conversation(frame);
        Double lat = number(frame, "lat", -90, 90);
        Double lng = number(frame, "lng", -180, 180);
        Object accuracy = frame.getValue("accuracy");
        if (accuracy != null && !(accuracy instanceof Number n && n.doubleValue() >= 0)) {
            throw invalid("accuracy must be a number of metres, 0 or more.");
        }
        JsonObject event = new JsonObject().put("type", "location").put("conversationId", conversation.toString())
                .put("userId", session.caller().userId().toString()).put("lat", lat).put("lng", lng)
                .put("accuracy", accuracy).put("at", Timestamps.format(Instant.now()));
        return toOthers(session, conversation, event);
    }

    /** Ephemeral events reach the other participants only, and only from a participant. */
    private Uni<Void> toOthers(ChatSession session, UUID conversation, JsonObject event) {
        return conversations.participants(conversation).chain(users -> {
            UUID me = session.caller().userId();
            if (!users.contains(me)) {
                return Uni.createFrom().failure(ProblemException.notFound("No conversation with this id is visible to you."));
            }
            return events.publish(users.stream().filter(u -> !u.equals(me)).toList(), event.getMap());
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

    private Uni<Void> bad(ChatSession session, String code, String detail, String ref) {
        return error(session, new ProblemException(400, code, detail), ref);
    }

    private static UUID conversation(JsonObject frame) {
        return uuid(frame.getValue("conversationId") instanceof String s ? s : null, "conversationId");
    }

    private static UUID uuid(String value, String field) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw invalid(field + " must be a UUID.");
        }
    }

    private static Long number(JsonObject frame, String field) {
        Object value = frame.getValue(field);
        if (!(value instanceof Number n)) {
            throw invalid(field + " must be a number.");
        }
        return n.longValue();
    }

    private static Double number(JsonObject frame, String field, double min, double max) {
        Object value = frame.getValue(field);
        if (!(value instanceof Number n) || n.doubleValue() < min || n.doubleValue() > max) {
            throw invalid(field + " must be a number between " + min + " and " + max + ".");
        }
        return n.doubleValue();
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(400, "bad-frame", detail);
    }
}

package dev.chatsuite.messaging.realtime;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.chatsuite.common.problem.ProblemException;
import dev.chatsuite.messaging.MessagingProblem;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A client-to-server frame, read and checked: what {@link Frames} acts on. Reading untrusted
 * text never throws; whatever is wrong with it is an {@link Invalid} with the problem to answer.
 */
sealed interface ClientFrame {

    record Ping() implements ClientFrame {
    }

    record Send(UUID conversationId, String body, String clientMessageId, List<UUID> attachmentIds, UUID replyToId) implements ClientFrame {
    }

    record Read(UUID conversationId, long seq) implements ClientFrame {
    }

    record Typing(UUID conversationId) implements ClientFrame {
    }

    record Location(UUID conversationId, double lat, double lng, Double accuracy) implements ClientFrame {
    }

    /** A frame that cannot be acted on; {@code ref} is its clientMessageId, when it had one. */
    record Invalid(ProblemException problem, String ref) implements ClientFrame {
    }

    /** Reads one text frame. */
    static ClientFrame parse(String text) {
        JsonObject frame;
        try {
            frame = new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            return new Invalid(bad("Frames are JSON objects with a type."), null);
        }
        String type = frame.getValue("type") instanceof String t ? t : "";
        String ref = frame.getValue("clientMessageId") instanceof String r ? r : null;
        try {
            return switch (type) {
                case "ping" -> new Ping();
                case "send" -> send(frame, ref);
                case "read" -> new Read(conversation(frame), seq(frame));
                case "typing" -> new Typing(conversation(frame));
                case "location" -> location(frame);
                default -> new Invalid(MessagingProblem.UNKNOWN_FRAME_TYPE.exception("Unknown frame type '" + abbreviated(type) + "'."), ref);
            };
        } catch (ProblemException e) {
            return new Invalid(e, ref);
        }
    }

    private static Send send(JsonObject frame, String clientMessageId) {
        if (clientMessageId == null) {
            throw ProblemException.badRequest("A send frame needs a clientMessageId.", null);
        }
        UUID conversation = conversation(frame);
        List<UUID> attachments = new ArrayList<>();
        if (frame.getValue("attachmentIds") instanceof JsonArray ids) {
            for (Object id : ids) {
                attachments.add(uuid(id instanceof String s ? s : null, "attachmentIds"));
            }
        }
        String body = frame.getValue("body") instanceof String b ? b : null;
        Object replyTo = frame.getValue("replyToId");
        UUID replyToId = replyTo == null ? null : uuid(replyTo instanceof String s ? s : null, "replyToId");
        return new Send(conversation, body, clientMessageId, attachments, replyToId);
    }

    private static Location location(JsonObject frame) {
        UUID conversation = conversation(frame);
        double lat = number(frame, "lat", -90, 90);
        double lng = number(frame, "lng", -180, 180);
        Object accuracy = frame.getValue("accuracy");
        if (accuracy != null && !(accuracy instanceof Number n && n.doubleValue() >= 0 && Double.isFinite(n.doubleValue()))) {
            throw bad("accuracy must be a number of metres, 0 or more.");
        }
        return new Location(conversation, lat, lng, accuracy == null ? null : ((Number) accuracy).doubleValue());
    }

    private static UUID conversation(JsonObject frame) {
        return uuid(frame.getValue("conversationId") instanceof String s ? s : null, "conversationId");
    }

    private static UUID uuid(String value, String field) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw bad(field + " must be a UUID.");
        }
    }

    private static long seq(JsonObject frame) {
        if (!(frame.getValue("seq") instanceof Number n)) {
            throw bad("seq must be a number.");
        }
        return n.longValue();
    }

    private static double number(JsonObject frame, String field, double min, double max) {
        Object value = frame.getValue(field);
        if (!(value instanceof Number n) || !(n.doubleValue() >= min && n.doubleValue() <= max)) {
            throw bad(field + " must be a number between " + min + " and " + max + ".");
        }
        return n.doubleValue();
    }

    /** An unknown type is echoed in the error, never at more than 64 characters. */
    private static String abbreviated(String type) {
        return type.length() <= 64 ? type : type.substring(0, 64) + "…";
    }

    private static ProblemException bad(String detail) {
        return MessagingProblem.BAD_FRAME.exception(detail);
    }
}

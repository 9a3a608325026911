package dev.chatsuite.common.link;

import java.nio.charset.StandardCharsets;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * The socket link between the gateway and a messaging instance: one WebSocket carries the
 * sockets of many browsers, each a numbered channel, so a burst of frames for many sockets
 * costs one write and one read instead of one per socket. A binary message of the link holds
 * one or more records: op (1 byte), channel (4 bytes), payload length (4 bytes), payload.
 * OPEN carries the browser's handshake ({@code uri}, {@code headers}), TEXT one message of the
 * socket (UTF-8), CLOSE a close code (2 bytes) and its reason (UTF-8).
 */
public final class LinkRecords {

    /** Where a messaging instance accepts links. */
    public static final String PATH = "/internal/socket-link";
    public static final byte OPEN = 1;
    public static final byte TEXT = 2;
    public static final byte CLOSE = 3;
    static final int HEADER = 9;

    private LinkRecords() {
    }

    /** What a reader is told, record by record, in the order they were written. */
    public interface Visitor {
        void open(int channel, JsonObject handshake);

        void text(int channel, Buffer utf8);

        void close(int channel, short code, String reason);
    }

    public static void open(Buffer out, int channel, JsonObject handshake) {
        int start = begin(out, OPEN, channel);
        out.appendBuffer(handshake.toBuffer());
        end(out, start);
    }

    public static void text(Buffer out, int channel, String text) {
        int start = begin(out, TEXT, channel);
        out.appendString(text, "UTF-8");
        end(out, start);
    }

    public static void text(Buffer out, int channel, Buffer utf8) {
        int start = begin(out, TEXT, channel);
        out.appendBuffer(utf8);
        end(out, start);
    }

    public static void close(Buffer out, int channel, short code, String reason) {
        int start = begin(out, CLOSE, channel);
        out.appendShort(code);
        if (reason != null) {
            out.appendString(reason, "UTF-8");
        }
        end(out, start);
    }

    /** Reads every record of one link message; a truncated record or an unknown op is refused whole, before any is visited. */
    public static void read(Buffer in, Visitor visitor) {
        check(in);
        int at = 0;
        while (at < in.length()) {
            byte op = in.getByte(at);
            int channel = in.getInt(at + 1);
            int length = in.getInt(at + 5);
            int from = at + HEADER;
            int to = from + length;
            switch (op) {
                case OPEN -> visitor.open(channel, new JsonObject(in.slice(from, to)));
                case TEXT -> visitor.text(channel, in.slice(from, to));
                default -> visitor.close(channel, in.getShort(from), length == 2 ? null : in.getString(from + 2, to, "UTF-8"));
            }
            at = to;
        }
    }

    private static void check(Buffer in) {
        int at = 0;
        while (at < in.length()) {
            if (in.length() - at < HEADER) {
                throw new IllegalArgumentException("A link record's header is cut short at byte " + at + ".");
            }
            byte op = in.getByte(at);
            int length = in.getInt(at + 5);
            if (op != OPEN && op != TEXT && op != CLOSE) {
                throw new IllegalArgumentException("Unknown link record op " + op + " at byte " + at + ".");
            }
            if (length < 0 || length > in.length() - at - HEADER || (op == CLOSE && length < 2)) {
                throw new IllegalArgumentException("A link record's length " + length + " does not fit at byte " + at + ".");
            }
            at += HEADER + length;
        }
    }

    private static int begin(Buffer out, byte op, int channel) {
        int start = out.length();
        out.appendByte(op).appendInt(channel).appendInt(0);
        return start;
    }

    private static void end(Buffer out, int start) {
        out.setInt(start + 5, out.length() - start - HEADER);
    }

    /** The UTF-8 text of a TEXT payload. */
    public static String string(Buffer utf8) {
        return utf8.toString(StandardCharsets.UTF_8);
    }
}

package dev.chatsuite.common.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

class LinkRecordsTest {

    private final List<String> seen = new ArrayList<>();
    private final LinkRecords.Visitor recorder = new LinkRecords.Visitor() {
        @Override
        public void open(int channel, JsonObject handshake) {
            seen.add("open " + channel + " " + handshake.encode());
        }

        @Override
        public void text(int channel, Buffer utf8) {
            seen.add("text " + channel + " " + LinkRecords.string(utf8));
        }

        @Override
        public void close(int channel, short code, String reason) {
            seen.add("close " + channel + " " + code + " " + reason);
        }
    };

    @Test
    void shouldReadBackEveryRecordOfOneMessageInOrder() {
        Buffer out = Buffer.buffer();
        LinkRecords.open(out, 7, new JsonObject().put("uri", "/ws?token=a%20b").put("headers", new JsonObject().put("Authorization", "Bearer x")));
        LinkRecords.text(out, 7, "{\"type\":\"ping\",\"text\":\"héllo ✓\"}");
        LinkRecords.text(out, -3, Buffer.buffer("raw"));
        LinkRecords.close(out, 7, (short) 4008, "Too many frames; slow down.");
        LinkRecords.close(out, 9, (short) 1001, null);
        LinkRecords.text(out, 2, "");

        LinkRecords.read(out, recorder);

        assertEquals(List.of(
                "open 7 {\"uri\":\"/ws?token=a%20b\",\"headers\":{\"Authorization\":\"Bearer x\"}}",
                "text 7 {\"type\":\"ping\",\"text\":\"héllo ✓\"}",
                "text -3 raw",
                "close 7 4008 Too many frames; slow down.",
                "close 9 1001 null",
                "text 2 "), seen);
    }

    @Test
    void shouldRefuseACutRecordBeforeVisitingAny() {
        Buffer out = Buffer.buffer();
        LinkRecords.text(out, 1, "first");
        LinkRecords.text(out, 2, "second");
        Buffer cut = out.getBuffer(0, out.length() - 1);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LinkRecords.read(cut, recorder));
        assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
        assertEquals(List.of(), seen);

        Buffer header = out.getBuffer(0, LinkRecords.HEADER + 5 + 4);
        assertThrows(IllegalArgumentException.class, () -> LinkRecords.read(header, recorder));
        assertEquals(List.of(), seen);
    }

    @Test
    void shouldRefuseAnUnknownOpAndAShortClose() {
        Buffer unknown = Buffer.buffer().appendByte((byte) 9).appendInt(1).appendInt(0);
        assertThrows(IllegalArgumentException.class, () -> LinkRecords.read(unknown, recorder));
        Buffer shortClose = Buffer.buffer().appendByte(LinkRecords.CLOSE).appendInt(1).appendInt(1).appendByte((byte) 3);
        assertThrows(IllegalArgumentException.class, () -> LinkRecords.read(shortClose, recorder));
        Buffer negative = Buffer.buffer().appendByte(LinkRecords.TEXT).appendInt(1).appendInt(-1);
        assertThrows(IllegalArgumentException.class, () -> LinkRecords.read(negative, recorder));
        assertEquals(List.of(), seen);
    }
}

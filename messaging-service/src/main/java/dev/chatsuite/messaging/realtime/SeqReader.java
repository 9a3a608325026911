package dev.chatsuite.messaging.realtime;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Reads {@code message.conversationId} and {@code message.seq} from a {@code message.created}
 * event without building the whole tree: every delivery needs them to keep seq order, and the
 * two fields come first in the message, so the parser stops after a few tokens.
 */
final class SeqReader {

    private static final JsonFactory JSON = new JsonFactory();

    record Position(String conversationId, long seq) {
    }

    private SeqReader() {
    }

    /** The event's position, or null when it has none (then it is delivered as it is). */
    static Position read(String event) {
        try (JsonParser parser = JSON.createParser(event)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("message".equals(field) && value == JsonToken.START_OBJECT) {
                    return inMessage(parser);
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    private static Position inMessage(JsonParser parser) throws IOException {
        String conversation = null;
        Long seq = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("conversationId".equals(field) && value == JsonToken.VALUE_STRING) {
                conversation = parser.getText();
            } else if ("seq".equals(field) && value == JsonToken.VALUE_NUMBER_INT) {
                seq = parser.getLongValue();
            } else {
                parser.skipChildren();
            }
            if (conversation != null && seq != null) {
                return new Position(conversation, seq);
            }
        }
        return null;
    }
}

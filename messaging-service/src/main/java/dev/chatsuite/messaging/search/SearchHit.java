package dev.chatsuite.messaging.search;

import dev.chatsuite.messaging.message.MessageView;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** One search result: the message, its conversation's title (null for direct ones) and the HTML-safe highlight. */
@RegisterForReflection
public record SearchHit(MessageView message, String conversationTitle, String highlight) {
}

package dev.chatsuite.messaging.message;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One entry of a {@code Message}'s {@code reactions}: an emoji, how many reacted with it, and whether the reader did. */
@RegisterForReflection
public record ReactionView(String emoji, long count, boolean me) {
}

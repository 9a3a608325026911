package dev.chatsuite.messaging.fanout;

import java.util.UUID;

/**
 * The broker's channel names: one per user ({@code chat:user:<id>}, events of a user such as
 * presence) and one per conversation ({@code chat:conv:<id>}, every event of a conversation,
 * published once and carrying its recipients).
 */
public final class Channels {

    public static final String USER_PREFIX = "chat:user:";
    public static final String CONVERSATION_PREFIX = "chat:conv:";

    private Channels() {
    }

    public static String user(UUID user) {
        return USER_PREFIX + user;
    }

    public static String conversation(UUID conversation) {
        return CONVERSATION_PREFIX + conversation;
    }

    /** The user of a user channel; null for any other name. */
    static UUID userOf(String channel) {
        return idAfter(channel, USER_PREFIX);
    }

    /** True for a conversation channel's name. */
    static boolean isConversation(String channel) {
        return channel.startsWith(CONVERSATION_PREFIX);
    }

    private static UUID idAfter(String channel, String prefix) {
        if (!channel.startsWith(prefix)) {
            return null;
        }
        try {
            return UUID.fromString(channel.substring(prefix.length()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

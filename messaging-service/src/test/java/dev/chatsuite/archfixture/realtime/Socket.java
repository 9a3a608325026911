package dev.chatsuite.archfixture.realtime;

import dev.chatsuite.archfixture.conversation.Conversation;

/** A feature importing another feature (PackageRulesTest must fail on it). */
public class Socket {
    public Conversation conversation;
}

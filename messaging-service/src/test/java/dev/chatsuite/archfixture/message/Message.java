package dev.chatsuite.archfixture.message;

import dev.chatsuite.archfixture.conversation.Conversation;

/** A lower floor that reaches up to a feature: a cycle and a floor broken (PackageRulesTest must fail on it). */
public class Message {
    public Conversation conversation;
}

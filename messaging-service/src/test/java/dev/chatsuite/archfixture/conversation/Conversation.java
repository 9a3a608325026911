package dev.chatsuite.archfixture.conversation;

import dev.chatsuite.archfixture.message.Message;

/** Imports message, which imports it back (PackageRulesTest must fail on it). */
public class Conversation {
    public Message last;
}

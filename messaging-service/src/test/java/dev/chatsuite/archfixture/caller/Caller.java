package dev.chatsuite.archfixture.caller;

import dev.chatsuite.auth.archfixture.Stranger;

/** Imports a class of another service (PackageRulesTest must fail on it). */
public class Caller {
    public Stranger stranger;
}

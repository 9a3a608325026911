package dev.chatsuite.media.archfixture.foreign.theirs;

/** Fixture: stands for another service's class. */
public class TheirClass {
}

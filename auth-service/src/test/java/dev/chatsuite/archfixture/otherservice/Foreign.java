package dev.chatsuite.archfixture.otherservice;

/** A class of another service. */
public class Foreign {
}

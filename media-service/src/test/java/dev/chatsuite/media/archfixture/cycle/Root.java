package dev.chatsuite.media.archfixture.cycle;

import dev.chatsuite.media.archfixture.cycle.a.A;

/** Fixture: the root package imports a, which imports the root back. */
public class Root {
    public A a() {
        return new A();
    }
}

package dev.chatsuite.media.archfixture.cycle.b;

import dev.chatsuite.media.archfixture.cycle.a.A;

/** Fixture: imports a, which imports b. */
public class B {
    public A a() {
        return null;
    }
}

package dev.chatsuite.media.archfixture.cycle.a;

import dev.chatsuite.media.archfixture.cycle.Root;
import dev.chatsuite.media.archfixture.cycle.b.B;

/** Fixture: imports b, which imports a back, and the root, which imports a. */
public class A {
    public B b() {
        return new B();
    }

    public Root root() {
        return null;
    }
}

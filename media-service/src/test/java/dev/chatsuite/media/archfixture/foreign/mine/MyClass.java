package dev.chatsuite.media.archfixture.foreign.mine;

import dev.chatsuite.media.archfixture.foreign.theirs.TheirClass;

/** Fixture: a service class importing another service's package. */
public class MyClass {
    public TheirClass theirs() {
        return new TheirClass();
    }
}

package dev.chatsuite.archfixture.service.ground;

import dev.chatsuite.archfixture.service.alpha.Alpha;

/** A ground class that reaches up into a feature. */
public class Base {
    public Alpha alpha;
}

package dev.chatsuite.archfixture.service.alpha;

import dev.chatsuite.archfixture.service.beta.Beta;
import dev.chatsuite.archfixture.service.ground.Base;

/** A feature that imports another feature (which imports it back). */
public class Alpha {
    public Beta beta;
    public Base base;
}

package dev.chatsuite.archfixture.service.beta;

import dev.chatsuite.archfixture.otherservice.Foreign;
import dev.chatsuite.archfixture.service.alpha.Alpha;

/** A feature that imports another feature and another service. */
public class Beta {
    public Alpha alpha;
    public Foreign foreign;
}

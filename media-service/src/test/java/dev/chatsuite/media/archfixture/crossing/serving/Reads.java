package dev.chatsuite.media.archfixture.crossing.serving;

import dev.chatsuite.media.archfixture.crossing.catalog.Rows;

/** Fixture: a feature using the ground, as it may. */
public class Reads {
    public Rows rows() {
        return new Rows();
    }
}

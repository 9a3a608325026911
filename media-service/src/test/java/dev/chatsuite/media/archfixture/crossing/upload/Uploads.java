package dev.chatsuite.media.archfixture.crossing.upload;

import dev.chatsuite.media.archfixture.crossing.catalog.Rows;
import dev.chatsuite.media.archfixture.crossing.serving.Reads;

/** Fixture: a feature importing another feature (one way only, no cycle). */
public class Uploads {
    public Rows rows() {
        return new Reads().rows();
    }
}

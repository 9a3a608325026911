package dev.chatsuite.media.archfixture.crossing.catalog;

/** Fixture: a ground class both features use. */
public class Rows {
}

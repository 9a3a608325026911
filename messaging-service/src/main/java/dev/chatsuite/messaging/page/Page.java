package dev.chatsuite.messaging.page;

import java.util.List;

/** The contract's page: items and the opaque cursor of the next page, or null at the end. */
public record Page<T>(List<T> items, String nextCursor) {
}

package dev.chatsuite.messaging.event;

import java.util.Collection;
import java.util.UUID;

import io.smallrye.mutiny.Uni;

/**
 * Delivers a real-time event to every connection of the given users, on whichever instance
 * they are connected. Called only after the change is committed. Events are the exact frames
 * a WebSocket client receives (see docs/events.md).
 */
public interface EventPublisher {

    Uni<Void> publish(Collection<UUID> recipients, Object event);
}

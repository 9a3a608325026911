package dev.chatsuite.messaging.message;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.chatsuite.messaging.fanout.Broker;
import dev.chatsuite.messaging.fanout.Publication;
import dev.chatsuite.messaging.message.MessageRepository.Posted;
import io.smallrye.mutiny.Uni;

/**
 * Publishes the events of committed changes. Publishing follows the commit; a failure to publish
 * is logged, not the caller's error (readers catch up by seq, or by REST).
 */
@ApplicationScoped
public class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);
    private final Broker broker;
    private final MessageViews views;

    public EventPublisher(Broker broker, MessageViews views) {
        this.broker = broker;
        this.views = views;
    }

    public Uni<Void> publish(List<UUID> recipients, Publication event) {
        return broker.publish(recipients, event)
                .onFailure().invoke(e -> LOG.warnf("An event could not be published: %s", e.getClass().getSimpleName()))
                .onFailure().recoverWithNull();
    }

    /** A stored message's {@code message.created}, to its participants. */
    public Uni<Void> created(Posted posted) {
        return publish(posted.participants(), Events.created(views.of(posted.message())));
    }
}

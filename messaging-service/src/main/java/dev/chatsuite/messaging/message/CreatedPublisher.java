package dev.chatsuite.messaging.message;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.chatsuite.messaging.fanout.Broker;
import dev.chatsuite.messaging.message.MessageRepository.Posted;
import io.smallrye.mutiny.Uni;

/**
 * Publishes a stored message's {@code message.created} to its participants. Publishing follows
 * the commit; a failure to publish is logged, not the poster's error (readers catch up by seq).
 */
@ApplicationScoped
public class CreatedPublisher {

    private static final Logger LOG = Logger.getLogger(CreatedPublisher.class);
    private final Broker broker;
    private final MessageViews views;

    public CreatedPublisher(Broker broker, MessageViews views) {
        this.broker = broker;
        this.views = views;
    }

    public Uni<Void> publish(Posted posted) {
        return broker.publish(posted.participants(), Events.created(views.of(posted.message())))
                .onFailure().invoke(e -> LOG.warnf("An event could not be published: %s", e.getClass().getSimpleName()))
                .onFailure().recoverWithNull();
    }
}

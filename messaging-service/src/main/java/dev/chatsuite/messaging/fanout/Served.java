package dev.chatsuite.messaging.fanout;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** The instance addresses served here ({@link Broker#serve}): what arrives for one goes to its handler, the rest to sockets. */
final class Served {

    private final Map<UUID, Consumer<Publication>> handlers = new ConcurrentHashMap<>();

    void add(UUID address, Consumer<Publication> handler) {
        handlers.put(address, handler);
    }

    /** {@code sockets} with the served addresses taken out; an instance message never reaches a socket. */
    Delivery around(Delivery sockets) {
        return new Delivery() {
            @Override
            public void deliver(UUID recipient, Publication publication) {
                Consumer<Publication> handler = handlers.get(recipient);
                if (publication.kind() == Publication.Kind.INSTANCE) {
                    if (handler != null) {
                        handler.accept(publication);
                    }
                } else if (handler == null) {
                    sockets.deliver(recipient, publication);
                }
            }

            @Override
            public void resubscribed() {
                sockets.resubscribed();
            }
        };
    }
}

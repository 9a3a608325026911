package dev.chatsuite.gateway.upstream;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.chatsuite.gateway.GatewayConfig;

/**
 * How many client WebSockets this gateway process relays at once, and the deliberate cap on
 * it ({@code GATEWAY_MAX_WEBSOCKETS}): past it an upgrade is accepted and closed with 1013.
 */
@ApplicationScoped
public class SocketBudget {

    private final int max;
    private final AtomicInteger open = new AtomicInteger();

    @Inject
    public SocketBudget(GatewayConfig config) {
        this(config.websockets().maxOpen());
    }

    SocketBudget(int max) {
        this.max = max;
    }

    /** A place for one more socket, or null at the cap. */
    Lease tryAcquire() {
        while (true) {
            int current = open.get();
            if (current >= max) {
                return null;
            }
            if (open.compareAndSet(current, current + 1)) {
                return new Lease();
            }
        }
    }

    /**
     * One socket's place, given back once however many of its endings report (the socket's
     * close, the client connection's close, a failed upgrade or upstream connect).
     */
    final class Lease {
        private final AtomicBoolean held = new AtomicBoolean(true);

        void release() {
            if (held.compareAndSet(true, false)) {
                open.decrementAndGet();
            }
        }
    }

    /** Client sockets relayed now (accepted and not yet closed). */
    public int open() {
        return open.get();
    }

    public int max() {
        return max;
    }
}

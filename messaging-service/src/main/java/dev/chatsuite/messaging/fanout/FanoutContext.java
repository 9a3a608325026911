package dev.chatsuite.messaging.fanout;

import java.util.concurrent.Executor;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;

/**
 * The one event-loop context on which received publications are delivered and sockets'
 * order is kept: one thread, so the per-socket order state needs no lock.
 */
@ApplicationScoped
public class FanoutContext implements Executor {

    private final Vertx vertx;
    private final Context context;

    public FanoutContext(Vertx vertx) {
        this.vertx = vertx;
        this.context = ((VertxInternal) vertx).createEventLoopContext();
    }

    /** Runs {@code task} on the context: at once when already there, else queued in order. */
    @Override
    public void execute(Runnable task) {
        if (Vertx.currentContext() == context) {
            task.run();
        } else {
            context.runOnContext(v -> task.run());
        }
    }

    /** Runs {@code task} on the context after {@code delayMillis}; answers a timer id for {@link #cancel}. */
    public long schedule(long delayMillis, Runnable task) {
        return vertx.setTimer(Math.max(1, delayMillis), id -> execute(task));
    }

    public void cancel(long timer) {
        vertx.cancelTimer(timer);
    }

    public Context context() {
        return context;
    }
}

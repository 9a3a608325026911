package dev.chatsuite.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The messages one log category writes while a test runs (in the application's own process). */
public final class CapturedLog extends Handler implements AutoCloseable {

    private final Logger logger;
    private final List<String> messages = new CopyOnWriteArrayList<>();

    private CapturedLog(String category) {
        this.logger = Logger.getLogger(category);
        logger.addHandler(this);
    }

    public static CapturedLog of(String category) {
        return new CapturedLog(category);
    }

    public List<String> messages() {
        return List.copyOf(messages);
    }

    /** Waits until a message matches (lines are written when a response ends, after the client has it). */
    public boolean awaitMessage(Predicate<String> matching, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (messages.stream().anyMatch(matching)) {
                return true;
            }
            Thread.sleep(20);
        }
        return messages.stream().anyMatch(matching);
    }

    @Override
    public void publish(LogRecord record) {
        messages.add(record.getMessage());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}

package dev.chatsuite.system;

import java.util.Collection;
import java.util.concurrent.TimeUnit;

/** Stopping the services a test started as processes. */
final class Processes {

    private Processes() {
    }

    /** Asks every process to stop (SIGTERM, so each shuts down cleanly), then kills what is left after 15 s. */
    static void stop(Collection<Process> processes) {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

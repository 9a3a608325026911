package dev.chatsuite.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Rows of docs/security.md's table, written by the hostile-client and fault tests as they run
 * (before they assert), to {@code system-tests/target/security-report.md}: what was tried, the
 * answer expected, the answer seen, and the gateway's live heap before and after.
 */
final class SecurityReport {

    private static final Path FILE = Path.of("target/security-report.md");
    /** The first row of a test run starts the file afresh. */
    private static boolean started;

    private SecurityReport() {
    }

    static synchronized void row(String attack, String expected, String seen, long heapBeforeKib, long heapAfterKib) {
        String memory = heapBeforeKib < 0 ? "" : String.format("%.1f → %.1f MiB", heapBeforeKib / 1024.0, heapAfterKib / 1024.0);
        String line = "| " + cell(attack) + " | " + cell(expected) + " | " + cell(seen) + " | " + memory + " |\n";
        try {
            if (!started) {
                Files.deleteIfExists(FILE);
                started = true;
            }
            if (!Files.exists(FILE)) {
                Files.createDirectories(FILE.getParent());
                Files.writeString(FILE, "| attack or fault | expected | seen | gateway live heap before → after |\n|---|---|---|---|\n",
                        StandardCharsets.UTF_8);
            }
            Files.writeString(FILE, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void row(String attack, String expected, String seen) {
        row(attack, expected, seen, -1, -1);
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}

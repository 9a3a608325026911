package dev.chatsuite.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Class-data sharing for faster starts: on Java 25+ the AOT cache (JEP 483/514), on older
 * JVMs a dynamic AppCDS archive. The first start of a given jar records the archive when the
 * service stops; later starts of the same jar map it. Archives are keyed by the jar's
 * timestamp, so a rebuilt service trains a fresh one instead of using a stale one.
 */
final class ClassDataArchive {

    private final Path dir;
    private final boolean aotCache = Runtime.version().feature() >= 25;

    ClassDataArchive(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    List<String> options(String service, Path jar) throws IOException {
        String key = service + "-" + Files.getLastModifiedTime(jar).toMillis();
        Path archive = dir.resolve(key + (aotCache ? ".aot" : ".jsa"));
        String quiet = aotCache ? "-Xlog:aot=off" : "-Xlog:cds=off";
        if (Files.exists(archive)) {
            return List.of(aotCache ? "-XX:AOTCache=" + archive : "-XX:SharedArchiveFile=" + archive, quiet);
        }
        return List.of(aotCache ? "-XX:AOTCacheOutput=" + archive : "-XX:ArchiveClassesAtExit=" + archive, quiet);
    }
}

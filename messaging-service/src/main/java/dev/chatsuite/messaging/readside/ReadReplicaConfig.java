package dev.chatsuite.messaging.readside;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** The read replica for history and conversation lists; off unless DB_READ_HOST is set (module README). */
@ConfigMapping(prefix = "messaging.read")
public interface ReadReplicaConfig {

    /** The replica's host (DB_READ_HOST); empty: every read goes to the primary, as without a replica. */
    Optional<String> host();

    /** The replica's port (DB_READ_PORT); empty: the primary's port. */
    OptionalInt port();

    /** The replica's database (DB_READ_NAME); empty: the primary's (DB_NAME). */
    Optional<String> database();

    /** Connections to the replica (DB_READ_POOL_SIZE). */
    @WithName("pool-size")
    @WithDefault("20")
    int poolSize();

    /**
     * After an edit, deletion, reaction, read marker or membership change (writes that move no
     * seq), how long the writer's reads of that conversation, and of their list, stay on the
     * primary (DB_READ_FENCE).
     */
    @WithDefault("PT10S")
    Duration fence();
}

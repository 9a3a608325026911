package dev.chatsuite.messaging.readside;

import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

/**
 * The primary pool (Quarkus's datasource) and, when DB_READ_HOST is set, a second reactive pool
 * on the read replica: same database name, user and password as the primary unless
 * DB_READ_PORT or DB_READ_NAME say otherwise.
 */
@Singleton
public class ReadPools {

    private static final Logger LOG = Logger.getLogger(ReadPools.class);
    private final Pool primary;
    private final Pool replica;

    public ReadPools(Pool primary, ReadReplicaConfig config, Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String primaryUrl,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.primary = primary;
        if (config.host().isEmpty()) {
            this.replica = null;
            return;
        }
        PgConnectOptions options = PgConnectOptions.fromUri(primaryUrl.replaceFirst("^vertx-reactive:", ""))
                .setHost(config.host().get())
                .setCachePreparedStatements(true);
        config.port().ifPresent(options::setPort);
        config.database().ifPresent(options::setDatabase);
        user.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        io.vertx.sqlclient.Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(config.poolSize()))
                .connectingTo(options).using(vertx.getDelegate()).build();
        this.replica = Pool.newInstance(pool);
        LOG.infof("History and conversation lists are read from the replica %s:%d/%s", options.getHost(), options.getPort(),
                options.getDatabase());
    }

    public Pool primary() {
        return primary;
    }

    /** The replica's pool; empty when DB_READ_HOST is not set. */
    public Optional<Pool> replica() {
        return Optional.ofNullable(replica);
    }

    @PreDestroy
    void close() {
        if (replica != null) {
            // Never block here: this may run on an event loop at shutdown.
            replica.close().subscribe().with(done -> { }, failure -> LOG.debugf("Closing the replica pool: %s", failure));
        }
    }
}

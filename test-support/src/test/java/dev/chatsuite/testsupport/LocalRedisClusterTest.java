package dev.chatsuite.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The local cluster the cluster tests run on: 3 primaries that split the slots, and a failover after a crash. */
class LocalRedisClusterTest {

    @Test
    void shouldServeAllSlotsFromThreePrimariesAndPromoteAReplicaWhenOneDies() {
        try (LocalRedisCluster cluster = LocalRedisCluster.start()) {
            assertThat(cluster.nodes()).hasSize(6);
            assertThat(cluster.primaries()).hasSize(3);
            assertThat(cluster.seeds().split(",")).hasSize(6).allMatch(s -> s.startsWith("redis://127.0.0.1:"));
            assertThat(cluster.clusterCli("SET", "{probe}key", "before").trim()).isEqualTo("OK");
            int victim = cluster.primaryOf("{probe}key");
            // The write is on the replica before the primary dies, so the promotion keeps it.
            assertThat(cluster.cli(victim, "WAIT", "1", "2000").trim()).isEqualTo("1");
            cluster.awaitReplicasCaughtUp(victim, Duration.ofSeconds(10));

            long started = System.nanoTime();
            int promoted = cluster.killPrimary(victim);

            assertThat(promoted).isNotEqualTo(victim);
            assertThat(cluster.primaries()).hasSize(3).doesNotContain(victim).contains(promoted);
            assertThat(cluster.primaryOf("{probe}key")).isEqualTo(promoted);
            // Read from the promoted primary itself: no other node's view of the slots in between.
            assertThat(cluster.cli(promoted, "GET", "{probe}key").trim()).as(cluster::describe).isEqualTo("before");
            assertThat(cluster.clusterCli("GET", "{probe}key").trim()).as(cluster::describe).isEqualTo("before");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(45));
        }
    }
}

package dev.chatsuite.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ConnectionBudgetTest {

    /** PostgreSQL's defaults: max_connections 100, 3 reserved for superusers. */
    private final ConnectionBudget defaults = new ConnectionBudget(100, 3);

    @Test
    void shouldKeepTheServicesDefaultPoolWhenAllFit() {
        // auth, media and two messaging instances: 4 × (20 + 2) = 88 of 93.
        assertThat(defaults.poolSize(4)).isEqualTo(20);
        assertThat(defaults.warning(4, 20)).isNull();
    }

    @Test
    void shouldShareTheServerAmongFourMessagingInstances() {
        // The bench's 4 instances with pools of 20 wanted 6 × 22 = 132 of 93: PostgreSQL refused connections.
        int pool = defaults.poolSize(6);
        assertThat(pool).isEqualTo(13);
        assertThat(6 * (pool + ConnectionBudget.JDBC_POOL)).isLessThanOrEqualTo(100 - 3 - ConnectionBudget.HEADROOM);
        assertThat(defaults.warning(6, pool)).isNull();
    }

    @Test
    void shouldKeepAPoolTheUserSet() {
        assertThat(defaults.poolSize(Map.of("DB_POOL_SIZE", "8"), 6)).isEqualTo(8);
        assertThat(defaults.poolSize(Map.of("DB_POOL_SIZE", " "), 6)).isEqualTo(13);
        assertThat(defaults.poolSize(Map.of(), 4)).isEqualTo(20);
        // Only a pool the launcher chose is announced as shrunk.
        assertThat(ConnectionBudget.given(Map.of("DB_POOL_SIZE", "8"))).isTrue();
        assertThat(ConnectionBudget.given(Map.of("DB_POOL_SIZE", " "))).isFalse();
        assertThat(ConnectionBudget.given(Map.of())).isFalse();
    }

    @Test
    void shouldWarnWhenThePoolsCannotFit() {
        assertThat(defaults.warning(6, 20)).contains("want 132 of the 93", "max_connections 100", "DB_POOL_SIZE");
        // A server too small even for the smallest pools: the launcher warns rather than go below them.
        ConnectionBudget tiny = new ConnectionBudget(30, 3);
        assertThat(tiny.poolSize(6)).isEqualTo(ConnectionBudget.SMALLEST_POOL);
        assertThat(tiny.warning(6, tiny.poolSize(6))).contains("want 36 of the 23");
    }

    @Test
    void shouldNotCountReservedConnections() {
        assertThat(new ConnectionBudget(100, 3).available()).isEqualTo(93);
        assertThat(new ConnectionBudget(100, 13).available()).isEqualTo(83);
        assertThat(new ConnectionBudget(5, 3).available()).isZero();
    }
}

package dev.chatsuite.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PostgresSettingsTest {

    @Test
    void shouldWarnWhenAutovacuumIsOff() {
        assertThat(Postgres.autovacuumWarning("off")).contains("autovacuum off", "ANALYZE");
        assertThat(Postgres.autovacuumWarning(" OFF ")).isNotNull();
    }

    @Test
    void shouldSayNothingWhenAutovacuumIsOnOrUnknown() {
        assertThat(Postgres.autovacuumWarning("on")).isNull();
        assertThat(Postgres.autovacuumWarning(null)).isNull();
    }
}

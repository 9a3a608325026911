package dev.chatsuite.common.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

class DependencyFailuresTest {

    @Test
    void shouldSeeAnUnreachableDatabaseAnywhereInTheCauseChain() {
        assertThat(DependencyFailures.isDatabaseUnavailable(new ConnectException("Connection refused"))).isTrue();
        assertThat(DependencyFailures.isDatabaseUnavailable(
                new CompletionException(new RuntimeException("HR000001", new ConnectException("refused"))))).isTrue();
        assertThat(DependencyFailures.isDatabaseUnavailable(new TimeoutException("Timeout waiting for connection"))).isTrue();
        assertThat(DependencyFailures.isDatabaseUnavailable(new SQLException("no", "08001"))).isTrue();
        assertThat(DependencyFailures.isDatabaseUnavailable(new SQLException("shutting down", "57P01"))).isTrue();
        assertThat(DependencyFailures.isDatabaseUnavailable(new SQLException("too many clients", "53300"))).isTrue();
    }

    @Test
    void shouldLeaveOtherFailuresToBeErrors() {
        assertThat(DependencyFailures.isDatabaseUnavailable(new IllegalStateException("bug"))).isFalse();
        assertThat(DependencyFailures.isDatabaseUnavailable(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(DependencyFailures.isDatabaseUnavailable(new TimeoutException("media call timed out"))).isFalse();
        assertThat(DependencyFailures.isDatabaseUnavailable(new RuntimeException("Connection is not active now"))).isFalse();
        assertThat(DependencyFailures.isDatabaseUnavailable(null)).isFalse();
    }
}

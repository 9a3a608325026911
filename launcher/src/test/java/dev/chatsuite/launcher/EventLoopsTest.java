package dev.chatsuite.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class EventLoopsTest {

    @Test
    void shouldGiveTheRealTimeServicesOneEventLoopByDefault() {
        assertThat(Suite.eventLoops(Map.of())).isEqualTo("1");
    }

    @Test
    void shouldTakeSuiteEventLoopsWhenSet() {
        assertThat(Suite.eventLoops(Map.of("SUITE_EVENT_LOOPS", "4"))).isEqualTo("4");
    }

    @Test
    void shouldKeepQuarkusOwnSettingOverEverything() {
        assertThat(Suite.eventLoops(Map.of("SUITE_EVENT_LOOPS", "4", Suite.EVENT_LOOPS_VARIABLE, "3"))).isEqualTo("3");
    }

    @Test
    void shouldSetTheLoopsOfTheGatewayAndEveryMessagingInstanceOnly() {
        assertThat(Suite.onRealTimePath("gateway")).isTrue();
        assertThat(Suite.onRealTimePath("messaging-service")).isTrue();
        assertThat(Suite.onRealTimePath("messaging-service-2")).isTrue();
        assertThat(Suite.onRealTimePath("auth-service")).isFalse();
        assertThat(Suite.onRealTimePath("media-service")).isFalse();
    }
}

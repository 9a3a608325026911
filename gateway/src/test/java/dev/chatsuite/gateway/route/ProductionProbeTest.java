package dev.chatsuite.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import dev.chatsuite.gateway.GatewayConfig;
import io.smallrye.config.WithDefault;
import io.vertx.core.http.HttpMethod;

/**
 * test-support's probe is a test hook: off by default, never turned on by the production
 * configuration, and without it {@code /api/__probe/**} is an API path no route serves (404).
 */
class ProductionProbeTest {

    @Test
    void shouldBeOffUnlessConfigurationTurnsItOn() throws Exception {
        WithDefault byDefault = GatewayConfig.class.getMethod("problemProbe").getAnnotation(WithDefault.class);
        assertThat(byDefault.value()).isEqualTo("false");
    }

    @Test
    void shouldNeverBeTurnedOnByTheProductionConfiguration() throws IOException {
        Properties production = new Properties();
        try (InputStream in = GatewayConfig.class.getClassLoader().getResourceAsStream("application.properties")) {
            production.load(in);
        }
        assertThat(production.stringPropertyNames()).as("application.properties").noneMatch(key -> key.contains("problem-probe"));
    }

    @Test
    void shouldTreatTheProbeAsAnUnknownApiPathWhenOff() {
        RouteTable production = new RouteTable(false);
        assertThat(production.destination("/api/__probe/echo", "/api/__probe/echo")).isEqualTo(RouteTable.Destination.API);
        assertThat(production.match(HttpMethod.POST, "application/json", CanonicalPath.of("/api/__probe/echo"))).as("no route: 404").isEmpty();
        assertThat(production.match(HttpMethod.GET, null, CanonicalPath.of("/api/__probe/boom"))).isEmpty();
    }
}

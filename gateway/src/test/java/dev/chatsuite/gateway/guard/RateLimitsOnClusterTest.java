package dev.chatsuite.gateway.guard;

import static dev.chatsuite.testsupport.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.chatsuite.gateway.GatewayTestSupport;
import dev.chatsuite.testsupport.LocalRedisCluster;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** REDIS_CLIENT_TYPE=cluster: rate limits are counted on a local 3-primary Redis Cluster and enforced (429 past the limit). */
@QuarkusTest
@TestProfile(RateLimitsOnClusterTest.OnCluster.class)
class RateLimitsOnClusterTest {

    public static class OnCluster implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.redis.hosts", LocalRedisCluster.shared().seeds(), "quarkus.redis.client-type", "cluster");
        }
    }

    @Test
    void shouldCountLoginsOnTheClusterAndRefuseThemPastTheLimit() {
        LocalRedisCluster cluster = LocalRedisCluster.shared();
        cluster.primaries().forEach(port -> cluster.cli(port, "FLUSHALL"));
        GatewayTestSupport.withinOneWindow(10);
        String who = "cluster-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            login(who).then().statusCode(401);
        }
        Response limited = login(who);
        assertProblem(limited, 429, "rate-limited");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
        login("someone-else-" + UUID.randomUUID()).then().statusCode(401);

        List<String> counters = new ArrayList<>();
        for (int port : cluster.primaries()) {
            cluster.cli(port, "KEYS", "rl:login:*").lines().filter(l -> !l.isBlank()).forEach(key -> counters.add(cluster.cli(port, "GET", key).trim()));
        }
        assertThat(counters).as("one counter per IP and identifier, in the cluster").containsExactlyInAnyOrder("4", "1");
    }

    private static Response login(String identifier) {
        return given().contentType(ContentType.JSON).body(Map.of("identifier", identifier, "password", "wrong")).post("/api/auth/login");
    }
}

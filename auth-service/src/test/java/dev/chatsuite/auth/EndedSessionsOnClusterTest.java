package dev.chatsuite.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.chatsuite.common.session.EndedSessions;
import dev.chatsuite.testsupport.LocalRedisCluster;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * REDIS_CLIENT_TYPE=cluster: ending several sessions at once marks each of them, although their
 * keys hash to slots on different primaries of a local 3-primary Redis Cluster.
 */
@QuarkusTest
@TestProfile(EndedSessionsOnClusterTest.OnCluster.class)
class EndedSessionsOnClusterTest {

    public static class OnCluster implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.redis.hosts", LocalRedisCluster.shared().seeds(), "quarkus.redis.client-type", "cluster");
        }
    }

    @Inject
    AuthConfig config;

    @Test
    void shouldMarkEverySessionOfAPasswordChangeAcrossSlots() {
        LocalRedisCluster cluster = LocalRedisCluster.shared();
        AuthApi.User first = AuthApi.newUser("clustermarks");
        List<AuthApi.User> sessions = new ArrayList<>(List.of(first));
        Set<Integer> primaries = new HashSet<>(Set.of(cluster.primaryOf(key(first))));
        while (primaries.size() < 2 || sessions.size() < 4) {
            AuthApi.User again = AuthApi.loggedIn(first.id(), first.username(), first.email());
            sessions.add(again);
            primaries.add(cluster.primaryOf(key(again)));
        }
        for (AuthApi.User session : sessions) {
            assertThat(cluster.clusterCli("EXISTS", key(session)).trim()).isEqualTo("0");
        }

        first.as().contentType(ContentType.JSON).body(Map.of("currentPassword", AuthApi.PASSWORD, "newPassword", "another long passphrase"))
                .post("/api/auth/me/password").then().statusCode(204);

        long ttl = config.accessTokenTtl().plus(EndedSessions.SKEW).toMillis();
        for (AuthApi.User session : sessions) {
            long remaining = Long.parseLong(cluster.clusterCli("PTTL", key(session)).trim());
            assertThat(remaining).as("TTL of the mark of %s (on %d)", key(session), cluster.primaryOf(key(session))).isBetween(ttl - 60_000, ttl);
        }
        assertThat(primaries).as("marks on more than one primary").hasSizeGreaterThan(1);
    }

    private static String key(AuthApi.User user) {
        String payload = user.accessToken().split("\\.")[1];
        String sid = JsonPath.from(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8)).getString("sid");
        return EndedSessions.key(sid);
    }
}

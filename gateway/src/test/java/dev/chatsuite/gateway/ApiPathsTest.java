package dev.chatsuite.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/** The test-only probe path is an exemption that only configuration makes. */
class ApiPathsTest {

    @Test
    void shouldTakeTheProbePathIntoTheApiPipelineWithoutTestConfiguration() {
        assertThat(new ApiPaths(List.of()).isApi(request("/api/__probe/echo"))).isTrue();
    }

    @Test
    void shouldLeaveAConfiguredLocalPathToTheApplicationsOwnResources() {
        ApiPaths paths = new ApiPaths(List.of("/api/__probe/"));
        assertThat(paths.isApi(request("/api/__probe/echo"))).isFalse();
        assertThat(paths.isApi(request("/api/conversations"))).isTrue();
    }

    @Test
    void shouldTakeEverySpellingOfAnApiPathIncludingOnesThatNormaliseIntoIt() {
        ApiPaths paths = new ApiPaths(List.of());
        for (String path : List.of("/api", "/api/", "/API/auth/login", "/api;x=1/auth", "/api%2Fauth", "/ws", "/ws/", "/.well-known/jwks.json")) {
            assertThat(paths.isApi(request(path))).as(path).isTrue();
        }
        assertThat(paths.isApi(request("/x/../api/auth/login", "/api/auth/login"))).isTrue();
        for (String path : List.of("/", "/index.html", "/conversations/1", "/assets/app.js", "/apiary", "/wsx", "/q/metrics")) {
            assertThat(paths.isApi(request(path))).as(path).isFalse();
        }
    }

    private static RoutingContext request(String path) {
        return request(path, path);
    }

    private static RoutingContext request(String raw, String normalized) {
        HttpServerRequest request = (HttpServerRequest) java.lang.reflect.Proxy.newProxyInstance(ApiPathsTest.class.getClassLoader(),
                new Class<?>[] { HttpServerRequest.class }, (proxy, method, args) -> method.getName().equals("path") ? raw : null);
        return (RoutingContext) java.lang.reflect.Proxy.newProxyInstance(ApiPathsTest.class.getClassLoader(), new Class<?>[] { RoutingContext.class },
                (proxy, method, args) -> switch (method.getName()) {
                    case "request" -> request;
                    case "normalizedPath" -> normalized;
                    default -> null;
                });
    }
}

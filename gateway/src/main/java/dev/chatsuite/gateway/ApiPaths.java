package dev.chatsuite.gateway;

import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.ext.web.RoutingContext;

/**
 * Which requests the gateway's API pipeline takes ({@code /api}, {@code /ws},
 * {@code /.well-known/}), judged on the raw path and on the normalised one in any case, so that
 * {@code /x/../api/…} or {@code /API/…} cannot slip past it to the SPA or to Quarkus. Paths
 * under {@code gateway.local-paths} (set only by tests) are left to this application's own
 * REST resources.
 */
@ApplicationScoped
public class ApiPaths {

    private final List<String> local;

    @jakarta.inject.Inject
    public ApiPaths(GatewayConfig config) {
        this(config.localPaths().orElse(List.of()));
    }

    ApiPaths(List<String> local) {
        this.local = List.copyOf(local);
    }

    public boolean isApi(RoutingContext ctx) {
        String raw = ctx.request().path().toLowerCase(Locale.ROOT);
        String normalized = ctx.normalizedPath().toLowerCase(Locale.ROOT);
        for (String prefix : local) {
            if (raw.startsWith(prefix) && normalized.startsWith(prefix)) {
                return false;
            }
        }
        return apiPrefix(raw) || apiPrefix(normalized);
    }

    static boolean apiPrefix(String path) {
        return under(path, "/api") || under(path, "/ws") || path.startsWith("/.well-known/") || path.startsWith("/%2e");
    }

    /** {@code path} is {@code prefix} or continues it with a separator a service might read as one. */
    private static boolean under(String path, String prefix) {
        return path.startsWith(prefix) && (path.length() == prefix.length() || "/;%\\.".indexOf(path.charAt(prefix.length())) >= 0);
    }
}

package dev.chatsuite.gateway.body;

import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chatsuite.gateway.GatewayConfig;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/**
 * The most body bytes the gateway accepts per route family: logins (read whole), uploads and
 * multipart message posts (streamed to services that enforce their own, tighter, limits), and
 * everything else (JSON). Counted while the body streams, whatever its framing.
 */
@ApplicationScoped
public class BodyLimits {

    private static final Pattern MESSAGE_POST = Pattern.compile("/api/conversations/[^/]+/messages");
    private final long login;
    private final long upload;
    private final long multipart;
    private final long other;

    public BodyLimits(GatewayConfig config) {
        this.login = config.maxBody().login().asLongValue();
        this.upload = config.maxBody().upload().asLongValue();
        this.multipart = config.maxBody().multipart().asLongValue();
        this.other = config.maxBody().defaultSize().asLongValue();
    }

    public long login() {
        return login;
    }

    /** The cap for a request forwarded to a service, by its canonical (lower-case) route key. */
    public long forwarded(HttpServerRequest request, String routeKey) {
        if (request.method() == HttpMethod.POST && routeKey.equals("/api/media")) {
            return upload;
        }
        return isMessageUpload(request, routeKey) ? multipart : other;
    }

    /** A multipart message post: files on their way to storage, limited like an upload. */
    public static boolean isMessageUpload(HttpServerRequest request, String routeKey) {
        String type = request.getHeader("Content-Type");
        return request.method() == HttpMethod.POST && type != null && type.regionMatches(true, 0, "multipart/", 0, 10)
                && MESSAGE_POST.matcher(routeKey).matches();
    }
}

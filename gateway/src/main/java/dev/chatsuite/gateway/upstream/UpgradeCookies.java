package dev.chatsuite.gateway.upstream;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.impl.ServerCookie;

/**
 * Cookies set with {@code addCookie} are written when a response's headers are prepared, which
 * a 101 never does: Vert.x sends only {@code response.headers()} with the handshake. This moves
 * the cookies set during the upgrade (a refreshed session) into those headers.
 */
final class UpgradeCookies {

    private UpgradeCookies() {
    }

    static void moveToHeaders(HttpServerResponse response, String... names) {
        for (String name : names) {
            for (Cookie cookie : response.removeCookies(name, false)) {
                // The jar also holds the cookies the browser sent; only those set here go back.
                if (cookie instanceof ServerCookie set && set.isChanged()) {
                    response.headers().add(HttpHeaders.SET_COOKIE, cookie.encode());
                }
            }
        }
    }
}

package dev.chatsuite.gateway.route;

import java.util.Locale;

/**
 * One row of the gateway's route table ({@link RouteTable}): which requests it takes (a method
 * and a pattern over the canonical route key) and the gateway's policy for them.
 *
 * @param method which requests of the pattern the row takes
 * @param pattern segments of the lower-case canonical path: {@code *} is any one segment, a
 *        final {@code **} any number of further segments (none included)
 * @param service who answers: the gateway itself or the upstream service it forwards to
 * @param bucket the rate-limit bucket the request counts in
 * @param credentials whether the gateway authenticates the request from the session cookies
 * @param csrf whether a cookie-authenticated unsafe request must come from an allowed origin
 * @param body the body cap family
 */
public record Route(Method method, String pattern, Service service, Bucket bucket, Credentials credentials, CsrfRule csrf, Body body) {

    /** Which requests of a pattern a row takes. */
    public enum Method {
        ANY,
        POST,
        /** A POST with a {@code multipart/*} body: files on their way to storage. */
        MULTIPART_POST
    }

    /** Who answers a route. */
    public enum Service {
        /** The gateway's own endpoint ({@code /api/session}). */
        GATEWAY,
        AUTH,
        MESSAGING,
        MEDIA
    }

    /** What a rate limit counts requests per. */
    public enum Per {
        /** The client IP and the identifier in the body (read before the limit is asked). */
        IP_AND_IDENTIFIER,
        IP,
        /** The subject of a token the gateway verified; the client IP without one. */
        USER
    }

    /** The contract's rate-limit buckets; each has its own per-minute limit ({@code gateway.limits.*}). */
    public enum Bucket {
        LOGIN(Per.IP_AND_IDENTIFIER),
        REGISTER(Per.IP),
        FORGOT(Per.IP),
        UPLOAD(Per.USER),
        DEFAULT(Per.USER);

        private final Per per;

        Bucket(Per per) {
            this.per = per;
        }

        public Per per() {
            return per;
        }

        /** The bucket's name in its Redis counters. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Where the token sent upstream comes from. */
    public enum Credentials {
        /** The access cookie (refreshed when near expiry), unless the request has its own Authorization. */
        COOKIES,
        /** Whatever the request carries: token endpoints and logins never use the session cookies. */
        AS_SENT
    }

    /** The CSRF rule. */
    public enum CsrfRule {
        /** A cookie-authenticated unsafe request or WebSocket upgrade needs an allowed Origin. */
        ORIGIN,
        /** No Origin check: the route is never authenticated by the cookies. */
        EXEMPT
    }

    /** The body cap families ({@code gateway.max-body.*}). */
    public enum Body {
        /** Read whole to find the identifier the login limit is keyed on. */
        LOGIN,
        UPLOAD,
        MULTIPART,
        DEFAULT
    }

    /** Served by an upstream service rather than by the gateway itself. */
    public boolean forwarded() {
        return service != Service.GATEWAY;
    }
}

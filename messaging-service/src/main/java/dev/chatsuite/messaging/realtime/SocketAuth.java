package dev.chatsuite.messaging.realtime;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import dev.chatsuite.common.http.BearerToken;
import dev.chatsuite.common.tenant.TenantModules;
import dev.chatsuite.messaging.MessagingProblem;
import dev.chatsuite.messaging.caller.EndedSessionCheck;
import dev.chatsuite.messaging.directory.AccountClient;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;

/**
 * Authenticates a socket at the upgrade: the access token from {@code Authorization: Bearer}
 * or {@code ?token=} (browsers cannot set headers on an upgrade), verified against the JWKS,
 * refused when its session has ended (4001, reason {@code session-ended: …}) or its tenant lacks
 * the module chat (4003, reason {@code module-disabled: …}), then the account checked with
 * auth-service so a disabled account is told apart (4003).
 */
@ApplicationScoped
public class SocketAuth {

    private static final Logger LOG = Logger.getLogger(SocketAuth.class);
    /** What a ?token= that cannot be percent-decoded reads as: no JWT parses it. */
    static final String MALFORMED = "malformed";
    /** The close reason of a token whose session has ended: its problem slug first, as on REST. */
    private static final String SESSION_ENDED = MessagingProblem.SESSION_ENDED.slug() + ": this session has ended; sign in again.";
    /** The close reason of a caller whose tenant lacks chat: the slug first, then the REST detail naming the module. */
    static final String MODULE_DISABLED = MessagingProblem.MODULE_DISABLED.slug() + ": " + TenantModules.refusal(TenantModules.CHAT);
    private final JWTParser parser;
    private final AccountClient accounts;
    private final Vertx vertx;
    private final EndedSessionCheck ended;

    public SocketAuth(JWTParser parser, @RestClient AccountClient accounts, Vertx vertx, EndedSessionCheck ended) {
        this.parser = parser;
        this.accounts = accounts;
        this.vertx = vertx;
        this.ended = ended;
    }

    /** The outcome: a verified token, or the close code and reason to end the socket with. */
    public record Outcome(JsonWebToken token, int closeCode, String reason) {
        boolean ok() {
            return token != null;
        }
    }

    Uni<Outcome> authenticate(Peer peer) {
        String raw = token(peer.header("Authorization"), peer.query());
        if (raw == null) {
            return Uni.createFrom().item(new Outcome(null, ChatSession.UNAUTHENTICATED, "An access token is required."));
        }
        // Verification may fetch the JWKS over HTTP: never on the event loop.
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            try {
                return parser.parse(raw);
            } catch (ParseException e) {
                return null;
            }
        }), false).chain(jwt -> jwt == null
                ? Uni.createFrom().item(new Outcome(null, ChatSession.UNAUTHENTICATED, "The access token is not valid."))
                : ended.ended(jwt).chain(sessionEnded -> sessionEnded
                        ? Uni.createFrom().item(new Outcome(null, ChatSession.UNAUTHENTICATED, SESSION_ENDED))
                        : TenantModules.allows(jwt, TenantModules.CHAT)
                                ? checkAccount(jwt)
                                : Uni.createFrom().item(new Outcome(null, ChatSession.FORBIDDEN, MODULE_DISABLED))));
    }

    private Uni<Outcome> checkAccount(JsonWebToken jwt) {
        return accounts.me("Bearer " + jwt.getRawToken())
                .ifNoItem().after(Duration.ofSeconds(3)).fail()
                .map(me -> new Outcome(jwt, 0, null))
                .onFailure(WebApplicationException.class).recoverWithItem(e -> {
                    var response = ((WebApplicationException) e).getResponse();
                    if (response.getStatus() == 401) {
                        String type = problemType(response);
                        return type.endsWith("account-disabled")
                                ? new Outcome(null, ChatSession.FORBIDDEN, "This account is disabled.")
                                : new Outcome(null, ChatSession.UNAUTHENTICATED, "The access token is not valid.");
                    }
                    return unavailable(jwt);
                })
                .onFailure().recoverWithItem(() -> unavailable(jwt));
    }

    /** auth-service down: the token itself is valid and short-lived, so the socket is let in. */
    private static Outcome unavailable(JsonWebToken jwt) {
        LOG.warn("Account status could not be checked; accepting a valid token");
        return new Outcome(jwt, 0, null);
    }

    private static String problemType(Response response) {
        try {
            return new JsonObject(response.readEntity(String.class)).getString("type", "");
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** The access token of an upgrade: its {@code Authorization: Bearer}, else its {@code ?token=}, else null. */
    static String token(String authorization, String query) {
        String bearer = BearerToken.of(authorization);
        if (bearer != null || query == null) {
            return bearer;
        }
        try {
            List<String> tokens = new QueryStringDecoder(query, StandardCharsets.UTF_8, false).parameters().get("token");
            return tokens == null || tokens.isEmpty() ? null : tokens.get(0);
        } catch (IllegalArgumentException badEncoding) {
            // "%zz" and the like: not a token, the same answer as any other bad one (4001).
            return MALFORMED;
        }
    }

}

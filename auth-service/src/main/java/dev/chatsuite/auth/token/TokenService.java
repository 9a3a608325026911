package dev.chatsuite.auth.token;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;

import dev.chatsuite.auth.AuthConfig;
import dev.chatsuite.auth.AuthProblem;
import dev.chatsuite.auth.credential.AccessTokens;
import dev.chatsuite.auth.credential.EndedSessionMarks;
import dev.chatsuite.auth.credential.OpaqueTokens;
import dev.chatsuite.auth.credential.PasswordHasher;
import dev.chatsuite.auth.credential.RefreshToken;
import dev.chatsuite.auth.credential.Session;
import dev.chatsuite.auth.credential.Sessions;
import dev.chatsuite.auth.user.Account;
import dev.chatsuite.auth.user.RequestValidation;
import dev.chatsuite.auth.user.Tenant;
import dev.chatsuite.common.id.Uuids;
import dev.chatsuite.common.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Login, refresh with rotation, logout. Every refresh token is used once: its use marks it
 * rotated and issues the next in the same family (session); presenting a rotated one again
 * means it leaked, so the whole family is revoked. A session that ends is published to the
 * other services ({@link EndedSessionMarks}).
 */
@ApplicationScoped
public class TokenService {

    private static final Logger LOG = Logger.getLogger(TokenService.class);
    static final String BAD_CREDENTIALS = "The identifier or the password is wrong.";

    private final PasswordHasher hasher;
    private final AccessTokens accessTokens;
    private final Sessions sessions;
    private final EndedSessionMarks endedSessions;
    private final RequestValidation validation;
    private final AuthConfig config;

    public TokenService(PasswordHasher hasher, AccessTokens accessTokens, Sessions sessions, EndedSessionMarks endedSessions,
            RequestValidation validation, AuthConfig config) {
        this.hasher = hasher;
        this.accessTokens = accessTokens;
        this.sessions = sessions;
        this.endedSessions = endedSessions;
        this.validation = validation;
        this.config = config;
    }

    public Uni<TokenResponse> login(LoginRequest request, String userAgent, String clientIp) {
        if (request == null) {
            return Uni.createFrom().failure(ProblemException.badRequest("A JSON body is required.", List.of()));
        }
        RequestValidation.throwIfAny(validation.violations(request));
        String identifier = request.identifier().trim().toLowerCase(Locale.ROOT);
        return Panache.withSession(() -> Account.<Account>find("lower(email) = ?1 or lower(username) = ?1", identifier).firstResult())
                .chain(account -> hasher.matches(request.password(), account == null ? null : account.passwordHash)
                        .chain(matches -> {
                            if (!matches) {
                                LOG.infof("Login failed from %s (%s)", clientIp, account == null ? "unknown identifier" : "account " + account.id);
                                return Uni.createFrom().failure(ProblemException.unauthorized(BAD_CREDENTIALS));
                            }
                            if (!account.active) {
                                LOG.infof("Login refused from %s: account %s is disabled", clientIp, account.id);
                                return Uni.createFrom().failure(AuthProblem.ACCOUNT_DISABLED.exception("This account has been disabled."));
                            }
                            LOG.infof("Login of account %s from %s", account.id, clientIp);
                            return startSession(account, userAgent, clientIp);
                        }));
    }

    private Uni<TokenResponse> startSession(Account account, String userAgent, String clientIp) {
        Instant now = Instant.now();
        Session session = new Session();
        session.id = Uuids.v7();
        session.accountId = account.id;
        session.createdAt = now;
        session.lastUsedAt = now;
        session.userAgent = truncate(userAgent, 300);
        session.ip = clientIp;
        String refresh = OpaqueTokens.generate();
        RefreshToken token = newToken(refresh, session.id, now);
        return Panache.withTransaction(() -> session.persist().chain(token::persist).chain(() -> tenantOf(account)))
                .map(tenant -> response(account, tenant, session.id, refresh));
    }

    private record Rotation(Account account, Tenant tenant, UUID sessionId, String refresh, boolean reused) {
    }

    public Uni<TokenResponse> refresh(RefreshRequest request, String userAgent, String clientIp) {
        if (request == null || request.refreshToken() == null || request.refreshToken().isBlank()) {
            return Uni.createFrom().failure(ProblemException.unauthorized("A valid refresh token is required."));
        }
        String hash = OpaqueTokens.hash(request.refreshToken());
        Instant now = Instant.now();
        return Panache.withTransaction(() -> RefreshToken.<RefreshToken>findById(hash, LockModeType.PESSIMISTIC_WRITE)
                .chain(token -> {
                    if (token == null) {
                        return Uni.createFrom().nullItem();
                    }
                    return Session.<Session>findById(token.sessionId).chain(session -> {
                        if (session == null || session.revokedAt != null || token.expiresAt.isBefore(now)) {
                            return Uni.createFrom().nullItem();
                        }
                        if (token.rotatedAt != null) {
                            return sessions.end(session.id).map(ignored -> new Rotation(null, null, session.id, null, true));
                        }
                        return Account.<Account>findById(session.accountId).chain(account -> {
                            if (account == null || !account.active) {
                                return Uni.createFrom().nullItem();
                            }
                            token.rotatedAt = now;
                            session.lastUsedAt = now;
                            if (userAgent != null) {
                                session.userAgent = truncate(userAgent, 300);
                            }
                            session.ip = clientIp;
                            String next = OpaqueTokens.generate();
                            return newToken(next, session.id, now).persist()
                                    .chain(() -> tenantOf(account))
                                    .map(tenant -> new Rotation(account, tenant, session.id, next, false));
                        });
                    });
                }))
                .call(rotation -> rotation != null && rotation.reused() ? endedSessions.publish(List.of(rotation.sessionId()))
                        : Uni.createFrom().voidItem())
                .map(rotation -> {
                    if (rotation == null) {
                        throw ProblemException.unauthorized("The refresh token is invalid, expired or revoked.");
                    }
                    if (rotation.reused()) {
                        LOG.warnf("Refresh token reuse from %s: session %s revoked", clientIp, rotation.sessionId());
                        throw ProblemException.unauthorized("The refresh token was already used; its session has been ended.");
                    }
                    return response(rotation.account(), rotation.tenant(), rotation.sessionId(), rotation.refresh());
                });
    }

    public Uni<Void> logout(RefreshRequest request) {
        if (request == null || request.refreshToken() == null || request.refreshToken().isBlank()) {
            return Uni.createFrom().voidItem();
        }
        String hash = OpaqueTokens.hash(request.refreshToken());
        return Panache.withTransaction(() -> RefreshToken.<RefreshToken>findById(hash)
                .chain(token -> token == null ? Uni.createFrom().item(List.<UUID>of())
                        : sessions.end(token.sessionId).replaceWith(List.of(token.sessionId))))
                // Published even when the session had ended already, in case Redis missed it then.
                .chain(endedSessions::publish);
    }

    private RefreshToken newToken(String refresh, UUID sessionId, Instant now) {
        RefreshToken token = new RefreshToken();
        token.tokenHash = OpaqueTokens.hash(refresh);
        token.sessionId = sessionId;
        token.createdAt = now;
        token.expiresAt = now.plus(config.refreshTokenTtl());
        return token;
    }

    private static Uni<Tenant> tenantOf(Account account) {
        return account.tenantId == null ? Uni.createFrom().nullItem() : Tenant.findById(account.tenantId);
    }

    private TokenResponse response(Account account, Tenant tenant, UUID sessionId, String refresh) {
        return new TokenResponse(accessTokens.issue(account, tenant, sessionId), refresh, "Bearer",
                accessTokens.expiresInSeconds(), config.refreshTokenTtl().toSeconds());
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}

package dev.chatsuite.messaging.directory;

import java.time.Duration;
import java.util.Collection;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import dev.chatsuite.common.problem.CommonProblem;
import dev.chatsuite.common.problem.ProblemException;
import dev.chatsuite.messaging.caller.Caller;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Checks that users exist and share the caller's tenant, by asking auth-service as the caller
 * (it answers 404 for unknown, disabled and other-tenant users alike).
 */
@ApplicationScoped
public class Directory {

    private static final Logger LOG = Logger.getLogger(Directory.class);
    private static final int CONCURRENCY = 8;
    private final DirectoryClient auth;

    public Directory(@RestClient DirectoryClient auth) {
        this.auth = auth;
    }

    /** Fails with 404 naming the first user the caller cannot reach. */
    public Uni<Void> requireVisible(Caller caller, Collection<UUID> users) {
        return Multi.createFrom().iterable(users)
                .onItem().transformToUni(user -> check(caller, user)).merge(CONCURRENCY)
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> check(Caller caller, UUID user) {
        return auth.profile(user, "Bearer " + caller.token())
                .ifNoItem().after(Duration.ofSeconds(5)).failWith(() -> unavailable())
                .onFailure(WebApplicationException.class).transform(e -> {
                    int status = ((WebApplicationException) e).getResponse().getStatus();
                    if (status == 404) {
                        return ProblemException.notFound("No user " + user + " can be reached from your account.");
                    }
                    LOG.warnf("auth-service answered %d when checking user %s", status, user);
                    return unavailable();
                })
                .onFailure(e -> !(e instanceof ProblemException)).transform(e -> {
                    LOG.warnf("auth-service could not check user %s: %s", user, e.toString());
                    return unavailable();
                })
                .replaceWithVoid();
    }

    private static ProblemException unavailable() {
        return CommonProblem.SERVICE_UNAVAILABLE.exception("Users cannot be checked right now; retry later.");
    }
}

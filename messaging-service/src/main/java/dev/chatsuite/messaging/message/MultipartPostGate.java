package dev.chatsuite.messaging.message;

import java.nio.file.Path;
import java.util.UUID;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.chatsuite.common.http.ContentLength;
import dev.chatsuite.common.problem.CommonProblem;
import dev.chatsuite.common.problem.ProblemException;
import dev.chatsuite.common.problem.Problems;
import dev.chatsuite.common.tenant.TenantModules;
import dev.chatsuite.messaging.MessagingConfig;
import dev.chatsuite.messaging.caller.ChatModuleFilter;
import dev.chatsuite.messaging.participant.Participants;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * A multipart message post is checked before its files are read: the caller must take part in
 * the conversation (else the same 404 as any post), so a stranger cannot make this service
 * spool anything to disk. Request filters run before Quarkus REST reads the body. A participant's
 * post is then read here, with its limits enforced while it streams ({@link MultipartSpool}).
 */
public class MultipartPostGate {

    private final Participants participants;
    private final SecurityIdentity identity;
    private final Path uploads;
    private final MultipartSpool.Limits limits;

    public MultipartPostGate(Participants participants, SecurityIdentity identity, MessagingConfig config,
            @ConfigProperty(name = "quarkus.http.body.uploads-directory") String uploads) {
        this.participants = participants;
        this.identity = identity;
        this.uploads = Path.of(uploads);
        this.limits = new MultipartSpool.Limits(config.maxFileBytes().asLongValue(), config.maxPostBytes().asLongValue(), config.maxAttachments());
    }

    @ServerRequestFilter
    public Uni<Response> participantsOnly(ContainerRequestContext request, RoutingContext ctx) {
        MediaType type = request.getMediaType();
        if (!"POST".equals(request.getMethod()) || type == null || !type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE)
                || !(identity.getPrincipal() instanceof JsonWebToken caller)) {
            return Uni.createFrom().nullItem();
        }
        String path = request.getUriInfo().getPath();
        UUID conversation = conversationOf(path);
        if (conversation == null) {
            return Uni.createFrom().nullItem();
        }
        return participants.isParticipant(conversation, UUID.fromString(caller.getSubject())).chain(yes -> {
            if (!yes) {
                return Uni.createFrom().item(refusal(MessageService.notFound(), path));
            }
            if (ContentLength.parse(request.getHeaderString("Content-Length")) > limits.maxBodyBytes()) {
                return Uni.createFrom().item(refusal(CommonProblem.PAYLOAD_TOO_LARGE.exception(
                        "A message with its files may be at most " + limits.maxBodyBytes() + " bytes."), path));
            }
            // Files are uploads: a tenant without the module media may post text only.
            ProblemException filesRefused = TenantModules.allows(caller, TenantModules.MEDIA) ? null : ChatModuleFilter.refusal(TenantModules.MEDIA);
            return Uni.createFrom().completionStage(() -> MultipartSpool.read(ctx, uploads, limits, filesRefused).toCompletionStage())
                    .replaceWith((Response) null)
                    .onFailure(ProblemException.class).recoverWithItem(e -> refusal((ProblemException) e, path));
        });
    }

    /** The problem, on a connection that closes after it: the rest of the body is not read. */
    private static Response refusal(ProblemException problem, String path) {
        return Response.fromResponse(Problems.response(Problems.of(problem.status(), problem.type(), problem.getMessage(), path, problem.errors())))
                .header("Connection", "close").build();
    }

    /** The id in {@code /api/conversations/{id}/messages}, or null for any other path. */
    static UUID conversationOf(String path) {
        String prefix = "/api/conversations/";
        if (path == null || !path.startsWith(prefix) || !(path.endsWith("/messages") || path.endsWith("/messages/"))) {
            return null;
        }
        String id = path.substring(prefix.length(), path.lastIndexOf("/messages"));
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

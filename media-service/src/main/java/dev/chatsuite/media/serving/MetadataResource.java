package dev.chatsuite.media.serving;

import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestPath;

import dev.chatsuite.common.problem.ProblemException;
import dev.chatsuite.media.caller.Callers;
import dev.chatsuite.media.catalog.MediaRepository;
import dev.chatsuite.media.catalog.MediaView;
import dev.chatsuite.media.catalog.MediaViews;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;

/**
 * A file's {@code Media} record: anyone's for avatars, only the owner's for attachments (others
 * get 404, so an id reveals nothing). auth-service and messaging-service call it with the user's
 * own token to check that an avatar or attachment really is theirs. Not {@code @Authenticated},
 * since avatars' metadata is public: the caller, when there is one, comes from the request's
 * deferred identity, through {@link Callers}.
 */
@Path("/api/media/{id}/metadata")
public class MetadataResource {

    private final MediaRepository media;
    private final MediaViews views;
    private final CurrentIdentityAssociation identities;

    public MetadataResource(MediaRepository media, MediaViews views, CurrentIdentityAssociation identities) {
        this.media = media;
        this.views = views;
        this.identities = identities;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @WithSession
    @Operation(summary = "A file's metadata")
    @APIResponse(responseCode = "200", description = "The Media record")
    @APIResponse(responseCode = "401", description = "The token's session has ended (session-ended)")
    @APIResponse(responseCode = "404", description = "Unknown, or an attachment of someone else")
    public Uni<MediaView> metadata(@RestPath UUID id) {
        return Callers.optional(identities.getDeferredIdentity()).chain(caller -> media.findById(id).map(found -> {
            if (found == null || !(found.isPublic() || found.ownerId.equals(caller))) {
                throw ProblemException.notFound("No media has this id.");
            }
            return views.of(found);
        }));
    }
}

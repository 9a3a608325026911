package dev.chatsuite.auth.profile;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import dev.chatsuite.auth.credential.Caller;
import dev.chatsuite.common.problem.CommonProblem;
import dev.chatsuite.common.problem.FieldError;
import dev.chatsuite.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/** Accepts an avatarMediaId only for an image the caller uploaded with purpose {@code avatar}. */
@ApplicationScoped
public class AvatarCheck {

    private static final String NOT_YOUR_AVATAR = "Must be an image you uploaded with purpose avatar.";
    private final MediaClient media;

    public AvatarCheck(@RestClient MediaClient media) {
        this.media = media;
    }

    public Uni<UUID> verify(Caller caller, UUID mediaId) {
        return media.metadata(mediaId, "Bearer " + caller.token())
                .onFailure(WebApplicationException.class).transform(e -> {
                    int status = ((WebApplicationException) e).getResponse().getStatus();
                    return status < 500 ? invalid() : unavailable();
                })
                .onFailure(f -> !(f instanceof ProblemException)).transform(e -> unavailable())
                .map(metadata -> {
                    boolean ok = metadata != null && caller.userId().toString().equals(metadata.ownerId())
                            && "avatar".equals(metadata.purpose())
                            && metadata.contentType() != null && metadata.contentType().startsWith("image/");
                    if (!ok) {
                        throw invalid();
                    }
                    return mediaId;
                });
    }

    private static ProblemException invalid() {
        return ProblemException.badRequest("The avatar is not usable; see errors.", List.of(new FieldError("avatarMediaId", NOT_YOUR_AVATAR)));
    }

    private static ProblemException unavailable() {
        return CommonProblem.SERVICE_UNAVAILABLE.exception("The avatar cannot be checked right now; retry later.");
    }
}

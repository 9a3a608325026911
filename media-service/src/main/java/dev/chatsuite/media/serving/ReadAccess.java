package dev.chatsuite.media.serving;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chatsuite.common.media.MediaUrlSigner;
import dev.chatsuite.common.problem.ProblemException;
import dev.chatsuite.media.MediaProblem;
import dev.chatsuite.media.catalog.Media;

/**
 * Who may read a file: anyone for avatars; for attachments, a holder of a valid signed URL
 * (what messaging-service hands to participants) or the owner with their own token. A bad or
 * expired signature is 403; no signature and not the owner is 404.
 */
@ApplicationScoped
public class ReadAccess {

    private final MediaUrlSigner signer;

    public ReadAccess(MediaUrlSigner signer) {
        this.signer = signer;
    }

    /** Throws the problem to answer when {@code reader} (null when anonymous) may not read {@code media}. */
    public void check(Media media, String exp, String sig, UUID reader) {
        if (media.isPublic()) {
            return;
        }
        if (exp != null || sig != null) {
            if (signer.verify(media.id, exp, sig, Instant.now())) {
                return;
            }
            throw MediaProblem.BAD_SIGNATURE.exception("The link's signature is invalid or has expired; ask for a fresh link.");
        }
        if (reader == null || !reader.equals(media.ownerId)) {
            // Without a signature only the owner may read; anyone else learns nothing, not even that the id exists.
            throw ProblemException.notFound("No media has this id.");
        }
    }
}

package dev.chatsuite.messaging.attachment;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.client.api.ClientMultipartForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import dev.chatsuite.common.media.MediaUrlSigner;
import dev.chatsuite.common.problem.CommonProblem;
import dev.chatsuite.common.problem.FieldError;
import dev.chatsuite.common.problem.ProblemException;
import dev.chatsuite.common.problem.ProblemType;
import dev.chatsuite.messaging.MessagingConfig;
import dev.chatsuite.messaging.MessagingProblem;
import dev.chatsuite.messaging.caller.Caller;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/**
 * Attachments through media-service: checks media a caller references, uploads files a
 * multipart post carries, removes them again when the message cannot be stored, and signs the
 * URLs participants receive.
 */
@ApplicationScoped
public class Attachments {

    private static final Logger LOG = Logger.getLogger(Attachments.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private final MediaClient media;
    private final MediaUrlSigner signer;
    private final MessagingConfig config;
    private final String base;

    public Attachments(@RestClient MediaClient media, MessagingConfig config) {
        this.media = media;
        this.config = config;
        this.signer = new MediaUrlSigner(config.signingSecret());
        this.base = config.publicUrl().replaceAll("/+$", "") + "/api/media/";
    }

    /** The caller's own attachment media, in the given order; anything else is a 400 on {@code attachmentIds}. */
    public Uni<List<AttachmentRecord>> resolve(Caller caller, List<UUID> ids) {
        if (ids == null || ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        if (ids.size() > config.maxAttachments()) {
            return Uni.createFrom().failure(invalid("At most " + config.maxAttachments() + " attachments."));
        }
        if (ids.stream().distinct().count() != ids.size()) {
            return Uni.createFrom().failure(invalid("An attachment is listed twice."));
        }
        return Multi.createFrom().iterable(ids)
                .onItem().transformToUniAndConcatenate(id -> media.metadata(id, bearer(caller))
                        .onFailure(WebApplicationException.class).transform(e -> status(e) == 404
                                ? invalid("Media " + id + " is not yours or does not exist.")
                                : fromMedia((WebApplicationException) e))
                        .map(record -> {
                            if (!caller.userId().toString().equals(record.ownerId())) {
                                throw invalid("Media " + id + " is not yours or does not exist.");
                            }
                            return record;
                        }))
                .collect().asList();
    }

    /**
     * Uploads the files one after another (each streams from its temporary file). If one is
     * refused, those already stored are removed and media-service's answer (413, 415, 422) is
     * the client's.
     */
    public Uni<List<AttachmentRecord>> upload(Caller caller, List<FileUpload> files) {
        List<AttachmentRecord> stored = new ArrayList<>();
        return Multi.createFrom().iterable(files)
                .onItem().transformToUniAndConcatenate(file -> {
                    ClientMultipartForm form = ClientMultipartForm.create()
                            .binaryFileUpload("file", file.fileName() == null ? "file" : file.fileName(), file.uploadedFile().toString(),
                                    file.contentType() == null ? "application/octet-stream" : file.contentType())
                            .attribute("purpose", "attachment", null);
                    return media.upload(form, bearer(caller))
                            .ifNoItem().after(TIMEOUT).fail()
                            .invoke(stored::add);
                })
                .collect().asList()
                .onFailure().call(() -> discard(caller, stored))
                .onFailure(WebApplicationException.class).transform(e -> fromMedia((WebApplicationException) e))
                .onFailure(e -> !(e instanceof ProblemException)).transform(e -> unavailable());
    }

    /** Best effort: media left behind by a failed post are the caller's own files, harmless and deletable. */
    public Uni<Void> discard(Caller caller, List<AttachmentRecord> records) {
        return Multi.createFrom().iterable(List.copyOf(records))
                .onItem().transformToUniAndMerge(r -> media.delete(UUID.fromString(r.id()), bearer(caller))
                        .onFailure().invoke(e -> LOG.warnf("Media %s of a failed post could not be removed", r.id()))
                        .onFailure().recoverWithNull())
                .collect().last().replaceWithVoid();
    }

    public List<AttachmentView> views(List<AttachmentRecord> records) {
        if (records.isEmpty()) {
            return List.of();
        }
        long exp = expiry(Instant.now());
        List<AttachmentView> views = new ArrayList<>(records.size());
        for (AttachmentRecord r : records) {
            UUID id = UUID.fromString(r.id());
            String query = "?exp=" + exp + "&sig=" + signer.signature(id, exp);
            views.add(new AttachmentView(r.id(), r.filename(), r.contentType(), r.size(), r.width(), r.height(), base + id + query,
                    r.isImage() ? base + id + "/thumbnail" + query : null));
        }
        return views;
    }

    /**
     * At least the configured lifetime ahead, rounded up to a ten-minute step so that the same
     * attachment gets the same URL for a while and browsers can cache it.
     */
    long expiry(Instant now) {
        long step = 600;
        long earliest = now.getEpochSecond() + config.attachmentUrlTtl().toSeconds();
        return (earliest + step - 1) / step * step;
    }

    private static String bearer(Caller caller) {
        return "Bearer " + caller.token();
    }

    private static int status(Throwable e) {
        return ((WebApplicationException) e).getResponse().getStatus();
    }

    private static ProblemException invalid(String message) {
        return ProblemException.badRequest("The attachments are not usable; see errors.", List.of(new FieldError("attachmentIds", message)));
    }

    /** media-service's 4xx answer passed on as is (its type and detail); anything else is a 503. */
    private static ProblemException fromMedia(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500 || status == 401) {
            return unavailable();
        }
        try {
            JsonObject problem = new JsonObject(e.getResponse().readEntity(String.class));
            String type = problem.getString("type", ProblemType.forStatus(status));
            String slug = type.startsWith(ProblemType.BASE) ? type.substring(ProblemType.BASE.length()) : MessagingProblem.ATTACHMENT_REFUSED.slug();
            // media-service's own slug and status, passed on.
            return new ProblemException(status, slug, problem.getString("detail", "The file was refused."));
        } catch (RuntimeException unreadable) {
            return new ProblemException(status, MessagingProblem.ATTACHMENT_REFUSED.slug(), "The file was refused by media storage.");
        }
    }

    private static ProblemException unavailable() {
        return CommonProblem.SERVICE_UNAVAILABLE.exception("Attachments cannot be stored right now; retry later.");
    }
}

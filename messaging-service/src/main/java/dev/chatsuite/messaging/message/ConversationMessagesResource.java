package dev.chatsuite.messaging.message;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import dev.chatsuite.common.problem.FieldError;
import dev.chatsuite.common.problem.ProblemException;
import dev.chatsuite.messaging.caller.Callers;
import dev.chatsuite.messaging.page.Page;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** A conversation's messages: history, posting and the read marker. */
@Path("/api/conversations/{id}")
@Authenticated
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class ConversationMessagesResource {

    private final MessageService messages;
    private final SecurityIdentity identity;

    public ConversationMessagesResource(MessageService messages, SecurityIdentity identity) {
        this.messages = messages;
        this.identity = identity;
    }

    @GET
    @Path("/messages")
    @Operation(summary = "History by seq, ascending within a page; newest page by default")
    @APIResponse(responseCode = "200", description = "A page of messages")
    @APIResponse(responseCode = "400", description = "Bad limit, cursor, after or before")
    @APIResponse(responseCode = "404", description = "Not a participant, or no such conversation")
    public Uni<Page<MessageView>> history(@RestPath UUID id, @RestQuery Long after, @RestQuery Long before, @RestQuery Integer limit,
            @RestQuery String cursor) {
        return messages.history(Callers.of(identity), id, after, before, limit, cursor);
    }

    @POST
    @Path("/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Post a message (JSON), optionally referencing media you uploaded")
    @APIResponse(responseCode = "201", description = "Stored")
    @APIResponse(responseCode = "200", description = "The message stored earlier with this clientMessageId")
    @APIResponse(responseCode = "400", description = "Empty or too long body, unusable attachments, a reply to another conversation's message")
    @APIResponse(responseCode = "404", description = "Not a participant, or no such conversation")
    public Uni<RestResponse<MessageView>> post(@RestPath UUID id, PostMessageRequest request) {
        PostMessageRequest body = request == null ? new PostMessageRequest(null, null, null) : request;
        return messages.post(Callers.of(identity), id, body).map(ConversationMessagesResource::response);
    }

    @POST
    @Path("/messages")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Post a message with files (multipart: body, up to 10 files, clientMessageId, replyToId)")
    @APIResponse(responseCode = "201", description = "Stored")
    @APIResponse(responseCode = "200", description = "The message stored earlier with this clientMessageId")
    @APIResponse(responseCode = "400", description = "Empty or too long body, too many files")
    @APIResponse(responseCode = "404", description = "Not a participant, or no such conversation")
    @APIResponse(responseCode = "413", description = "A file over the size limit")
    @APIResponse(responseCode = "415", description = "A file of a type that is not accepted")
    public Uni<RestResponse<MessageView>> postWithFiles(@RestPath UUID id, @RestForm String body, @RestForm("files") List<FileUpload> files,
            @RestForm String clientMessageId, @RestForm String replyToId) {
        return messages.post(Callers.of(identity), id, body, files, clientMessageId, replyTo(replyToId)).map(ConversationMessagesResource::response);
    }

    /** The multipart {@code replyToId} part: absent or empty is no reply, anything but a UUID is a 400. */
    static UUID replyTo(String part) {
        if (part == null || part.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(part.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("The message is not valid; see errors.", List.of(new FieldError("replyToId", "Must be a UUID.")));
        }
    }

    @POST
    @Path("/read")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mark read up to seq; never moves backwards")
    @APIResponse(responseCode = "204", description = "Marked")
    @APIResponse(responseCode = "400", description = "No seq")
    @APIResponse(responseCode = "404", description = "Not a participant")
    public Uni<RestResponse<Void>> read(@RestPath UUID id, ReadRequest request) {
        return messages.markRead(Callers.of(identity), id, request).map(v -> RestResponse.noContent());
    }

    private static RestResponse<MessageView> response(MessageService.Outcome outcome) {
        return outcome.created() ? RestResponse.status(RestResponse.Status.CREATED, outcome.message()) : RestResponse.ok(outcome.message());
    }
}

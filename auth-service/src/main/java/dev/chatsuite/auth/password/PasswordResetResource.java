package dev.chatsuite.auth.password;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

@Path("/api/auth/password")
@Tag(name = "password")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PasswordResetResource {

    private final PasswordService passwords;

    public PasswordResetResource(PasswordService passwords) {
        this.passwords = passwords;
    }

    @POST
    @Path("/forgot")
    @Operation(summary = "Mail a single-use reset link (valid 30 minutes)")
    @APIResponse(responseCode = "202", description = "Always, whether or not the email exists")
    public Uni<RestResponse<Void>> forgot(ForgotPasswordRequest request, @Context HttpServerRequest http) {
        return passwords.forgot(request, http.remoteAddress().hostAddress()).map(ignored -> RestResponse.accepted());
    }

    @POST
    @Path("/reset")
    @Operation(summary = "Set a new password with a reset token; ends every session")
    @APIResponse(responseCode = "204", description = "Reset")
    @APIResponse(responseCode = "400", description = "Invalid, expired or used token, or an invalid password")
    public Uni<RestResponse<Void>> reset(ResetPasswordRequest request) {
        return passwords.reset(request).map(ignored -> RestResponse.noContent());
    }
}

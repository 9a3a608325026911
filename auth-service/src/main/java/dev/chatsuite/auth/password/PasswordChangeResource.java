package dev.chatsuite.auth.password;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.chatsuite.auth.credential.Caller;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

@Path("/api/auth/me/password")
@Tag(name = "password")
@Produces(MediaType.APPLICATION_JSON)
public class PasswordChangeResource {

    private final SecurityIdentity identity;
    private final PasswordService passwords;

    public PasswordChangeResource(SecurityIdentity identity, PasswordService passwords) {
        this.identity = identity;
        this.passwords = passwords;
    }

    @POST
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the password; ends every session")
    @APIResponse(responseCode = "204", description = "Changed")
    @APIResponse(responseCode = "400", description = "Invalid new password")
    @APIResponse(responseCode = "401", description = "No valid token, or the current password is wrong")
    public Uni<RestResponse<Void>> changePassword(PasswordChangeRequest request) {
        return passwords.change(Caller.of(identity), request).map(ignored -> RestResponse.noContent());
    }
}

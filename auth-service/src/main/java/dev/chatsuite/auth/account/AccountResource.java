package dev.chatsuite.auth.account;

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

import dev.chatsuite.auth.user.MeView;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

@Path("/api/auth/register")
@Tag(name = "account")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccountResource {

    public record Registered(MeView user) {
    }

    private final RegistrationService registration;

    public AccountResource(RegistrationService registration) {
        this.registration = registration;
    }

    @POST
    @Operation(summary = "Create an account and its profile in one transaction")
    @APIResponse(responseCode = "201", description = "Created: {user: Me}")
    @APIResponse(responseCode = "400", description = "Invalid fields, one entry per field")
    @APIResponse(responseCode = "409", description = "Email or username already taken")
    public Uni<RestResponse<Registered>> register(RegisterRequest request, @Context HttpServerRequest http) {
        return registration.register(request, http.remoteAddress().hostAddress())
                .map(me -> RestResponse.status(RestResponse.Status.CREATED, new Registered(me)));
    }
}

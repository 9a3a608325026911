package dev.chatsuite.auth.token;

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

@Path("/api/auth")
@Tag(name = "token")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TokenResource {

    private final TokenService tokens;

    public TokenResource(TokenService tokens) {
        this.tokens = tokens;
    }

    @POST
    @Path("/login")
    @Operation(summary = "Log in with email or username")
    @APIResponse(responseCode = "200", description = "TokenResponse")
    @APIResponse(responseCode = "401", description = "Unknown identifier or wrong password (one message for both)")
    @APIResponse(responseCode = "403", description = "Account disabled (type ends account-disabled)")
    public Uni<TokenResponse> login(LoginRequest request, @Context HttpServerRequest http) {
        return tokens.login(request, http.getHeader("User-Agent"), http.remoteAddress().hostAddress());
    }

    @POST
    @Path("/refresh")
    @Operation(summary = "Rotate a refresh token")
    @APIResponse(responseCode = "200", description = "TokenResponse with a new refresh token")
    @APIResponse(responseCode = "401", description = "Invalid, expired or revoked; a rotated token revokes its whole family")
    public Uni<TokenResponse> refresh(RefreshRequest request, @Context HttpServerRequest http) {
        return tokens.refresh(request, http.getHeader("User-Agent"), http.remoteAddress().hostAddress());
    }

    @POST
    @Path("/logout")
    @Operation(summary = "Revoke the refresh token's family (its session)")
    @APIResponse(responseCode = "204", description = "Logged out")
    public Uni<RestResponse<Void>> logout(RefreshRequest request) {
        return tokens.logout(request).map(ignored -> RestResponse.noContent());
    }
}

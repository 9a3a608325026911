package dev.chatsuite.auth.token;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.chatsuite.auth.credential.SigningKeys;

@Path("/.well-known/jwks.json")
@Tag(name = "token")
public class JwksResource {

    private final SigningKeys keys;

    public JwksResource(SigningKeys keys) {
        this.keys = keys;
    }

    @GET
    @Produces("application/json")
    @Operation(summary = "Public signing keys (every active kid, several during a rotation)")
    @APIResponse(responseCode = "200", description = "A JWK set")
    public RestResponse<String> jwks() {
        return RestResponse.ResponseBuilder.ok(keys.jwksJson()).header("Cache-Control", "public, max-age=300").build();
    }
}

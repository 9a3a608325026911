package dev.chatsuite.messaging.security;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.Authenticated;

/** Test-only endpoint: answers the subject of a bearer token that smallrye-jwt accepted. */
@Path("/api/__whoami")
public class WhoAmIResource {

    @Inject
    JsonWebToken jwt;

    @GET
    @Authenticated
    @Produces(MediaType.TEXT_PLAIN)
    public String whoami() {
        return jwt.getSubject();
    }
}

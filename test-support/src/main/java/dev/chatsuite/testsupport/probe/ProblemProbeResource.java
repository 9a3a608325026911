package dev.chatsuite.testsupport.probe;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Test-only endpoints present in every service's test application (this module is a test
 * dependency), so the shared {@code ProblemContractTest} can drive each failure path.
 */
@Path("/api/__probe")
@Produces(MediaType.APPLICATION_JSON)
public class ProblemProbeResource {

    public record ProbeBody(@NotBlank String name, @Min(1) int count) {
    }

    @POST
    @Path("/echo")
    @Consumes(MediaType.APPLICATION_JSON)
    public ProbeBody echo(@Valid ProbeBody body) {
        return body;
    }

    @GET
    @Path("/boom")
    public String boom() {
        throw new IllegalStateException("SELECT password_hash FROM account -- internal detail");
    }
}

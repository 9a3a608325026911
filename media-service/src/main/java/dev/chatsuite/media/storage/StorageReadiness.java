package dev.chatsuite.media.storage;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/** Ready only while the bucket answers: without it no upload or read can succeed. */
@Readiness
@ApplicationScoped
public class StorageReadiness implements AsyncHealthCheck {

    private final ObjectStore store;

    public StorageReadiness(ObjectStore store) {
        this.store = store;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return store.check()
                .ifNoItem().after(Duration.ofSeconds(3)).fail()
                .map(v -> HealthCheckResponse.up("s3"))
                .onFailure().recoverWithItem(e -> HealthCheckResponse.down("s3"));
    }
}

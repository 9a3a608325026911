package dev.chatsuite.messaging.fanout;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the broker receives: an instance that cannot deliver events should not get sockets. */
@Readiness
@ApplicationScoped
public class BrokerReadiness implements HealthCheck {

    private final Broker broker;

    public BrokerReadiness(Broker broker) {
        this.broker = broker;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("redis-broker").status(broker.ready()).build();
    }
}

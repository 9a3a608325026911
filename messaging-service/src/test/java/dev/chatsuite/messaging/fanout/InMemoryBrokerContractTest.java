package dev.chatsuite.messaging.fanout;

import io.vertx.core.Vertx;

class InMemoryBrokerContractTest extends BrokerContract {

    @Override
    protected Broker create(Vertx vertx, FanoutContext context) {
        return new InMemoryBroker(context);
    }
}

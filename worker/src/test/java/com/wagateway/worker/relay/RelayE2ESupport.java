package com.wagateway.worker.relay;

import com.wagateway.worker.connector.ScriptedConnectorConfig;
import com.wagateway.worker.kafka.KafkaClients;
import com.wagateway.worker.kafka.SharedKafka;
import org.junit.jupiter.api.AfterAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Full worker on the shared broker with a real HTTP Backend stub on loopback. Backoffs, the circuit breaker's open
 * time and the heartbeat are short so outages of seconds exercise the same logic as the defaults' minutes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "worker.auth-token=" + RelayE2ESupport.TOKEN, "worker.id=relay-worker",
        "worker.relay.backoff-initial=50ms", "worker.relay.backoff-max=400ms",
        "worker.relay.breaker-open-duration=200ms", "worker.relay.client-error-attempts=2",
        "worker.backend-link.heartbeat-interval=1h"})
@Import(ScriptedConnectorConfig.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class RelayE2ESupport {

    static final String TOKEN = "relay-token-0123456789";
    static final BackendStub BACKEND = new BackendStub();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        SharedKafka.register(registry);
        registry.add("worker.backend-url", BACKEND::url);
    }

    @AfterAll
    static void reset() {
        BACKEND.respond(r -> 200);
        BACKEND.clear();
    }

    @LocalServerPort
    int port;

    @Autowired
    KafkaClients clients;

    @Autowired
    RelayTopics topics;
}

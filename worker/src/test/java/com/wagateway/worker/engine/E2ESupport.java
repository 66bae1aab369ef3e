package com.wagateway.worker.engine;

import static org.awaitility.Awaitility.await;

import com.wagateway.worker.connector.ScriptedConnector;
import com.wagateway.worker.connector.ScriptedConnectorConfig;
import com.wagateway.worker.engine.RestCalls.Reply;
import com.wagateway.worker.kafka.SharedKafka;
import com.wagateway.worker.session.SessionDirectory;
import com.wagateway.worker.session.SessionStatus;
import com.wagateway.worker.session.SessionView;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Full worker on a random port against the shared in-process broker, WhatsApp replaced by {@link ScriptedConnector}.
 * Talks to it over real HTTP with the Bearer token, like the Backend does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"worker.auth-token=" + E2ESupport.TOKEN, "worker.id=e2e-worker", "worker.send-timeout=5s"})
@Import(ScriptedConnectorConfig.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class E2ESupport {

    static final String TOKEN = "e2e-token-0123456789";

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        SharedKafka.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    ScriptedConnector whatsapp;

    @Autowired
    SessionDirectory directory;

    RestCalls rest;

    @BeforeEach
    void rest() {
        rest = new RestCalls(port, TOKEN);
    }

    Reply get(String path) {
        return rest.get(path);
    }

    Reply post(String path, String json) {
        return rest.post(path, json);
    }

    Reply delete(String path) {
        return rest.delete(path);
    }

    Reply createSession(String sessionId) {
        return rest.createSession(sessionId);
    }

    /** Waits until {@code GET status} (over HTTP) shows the status. */
    Reply awaitHttpStatus(String sessionId, SessionStatus status) {
        Reply[] last = new Reply[1];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            last[0] = get("/api/session/" + sessionId + "/status");
            return last[0].status() == 200 && status.wire().equals(last[0].data("status"));
        });
        return last[0];
    }

    /** Waits until the session-state view (what REST reads) shows the status. */
    SessionView awaitStatus(String sessionId, SessionStatus status) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> directory.find(sessionId).map(v -> v.status() == status).orElse(false));
        return directory.find(sessionId).orElseThrow();
    }
}

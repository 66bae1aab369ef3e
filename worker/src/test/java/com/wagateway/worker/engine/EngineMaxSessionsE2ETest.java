package com.wagateway.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.wagateway.worker.command.CommandGateway;
import com.wagateway.worker.command.CreateSession;
import com.wagateway.worker.command.DeleteSession;
import com.wagateway.worker.command.RestartSession;
import com.wagateway.worker.session.SessionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** MAX_SESSIONS: a create beyond it ends in {@code error} saying so; a freed slot can be used again. */
@TestPropertySource(properties = "worker.max-sessions=2")
class EngineMaxSessionsE2ETest extends E2ESupport {

    @Autowired
    CommandGateway gateway;

    private void create(String sessionId) throws Exception {
        gateway.submit(new CreateSession(UUID.randomUUID().toString(), sessionId, Instant.now(), "u", "n"));
    }

    @Test
    void aSessionBeyondMaxSessionsEndsInErrorWithTheReason() throws Exception {
        create("max-1");
        create("max-2");
        awaitStatus("max-1", SessionStatus.QR_REQUIRED);
        awaitStatus("max-2", SessionStatus.QR_REQUIRED);

        create("max-3");
        var refused = awaitStatus("max-3", SessionStatus.ERROR);
        assertThat(refused.error()).contains("max sessions reached").contains("MAX_SESSIONS=2");
        assertThat(whatsapp.calls("max-3")).isEmpty();

        gateway.submit(new DeleteSession(UUID.randomUUID().toString(), "max-1", Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> directory.find("max-1").isEmpty());
        gateway.submit(new RestartSession(UUID.randomUUID().toString(), "max-3", Instant.now()));
        awaitStatus("max-3", SessionStatus.QR_REQUIRED);
        assertThat(whatsapp.calls("max-3")).containsExactly("connect");
    }
}

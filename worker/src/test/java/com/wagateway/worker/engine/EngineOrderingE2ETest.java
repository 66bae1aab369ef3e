package com.wagateway.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.wagateway.worker.command.CommandGateway;
import com.wagateway.worker.command.CreateSession;
import com.wagateway.worker.command.LogoutSession;
import com.wagateway.worker.command.SendMessage;
import com.wagateway.worker.command.SessionCommand;
import com.wagateway.worker.message.MessageType;
import com.wagateway.worker.session.SessionStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * 20 sessions, each sending create, three sends and logout from its own thread at the same time: at the WhatsApp
 * double every session sees exactly its own sequence, in order, while the sessions interleave freely.
 */
class EngineOrderingE2ETest extends E2ESupport {

    static final int SESSIONS = 20;

    @Autowired
    CommandGateway gateway;

    @Test
    void commandsOfOneSessionRunInOrderWhileSessionsRunConcurrently() throws Exception {
        List<Future<List<String>>> expected = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < SESSIONS; i++) {
                String sessionId = "order-" + i;
                expected.add(clients.submit(() -> {
                    List<String> calls = new ArrayList<>();
                    gateway.submit(new CreateSession(id(), sessionId, Instant.now(), "u", "n"));
                    calls.add("connect");
                    for (int m = 0; m < 3; m++) {
                        String messageId = sessionId + "-m" + m;
                        gateway.submit(send(sessionId, messageId));
                        calls.add("send:" + messageId);
                    }
                    gateway.submit(new LogoutSession(id(), sessionId, Instant.now()));
                    calls.add("logout");
                    return calls;
                }));
            }
        }
        for (int i = 0; i < SESSIONS; i++) {
            String sessionId = "order-" + i;
            awaitStatus(sessionId, SessionStatus.LOGGED_OUT);
            assertThat(whatsapp.calls(sessionId)).as(sessionId).containsExactlyElementsOf(expected.get(i).get());
        }
    }

    private static SessionCommand send(String sessionId, String messageId) {
        return new SendMessage(id(), sessionId, Instant.now(), messageId, "6281234567890", MessageType.TEXT, "hi", null);
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}

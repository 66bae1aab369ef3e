package com.wagateway.worker.engine;

import static org.awaitility.Awaitility.await;

import com.wagateway.worker.connector.ScriptedConnector;
import com.wagateway.worker.connector.ScriptedConnectorConfig;
import com.wagateway.worker.avro.CommandEnvelope;
import com.wagateway.worker.avro.MessageEvent;
import com.wagateway.worker.command.CommandCodec;
import com.wagateway.worker.command.SessionCommand;
import com.wagateway.worker.engine.RestCalls.Reply;
import com.wagateway.worker.kafka.AvroSerde;
import com.wagateway.worker.kafka.KafkaClients;
import com.wagateway.worker.kafka.SharedKafka;
import com.wagateway.worker.kafka.TopicNames;
import com.wagateway.worker.session.SessionDirectory;
import com.wagateway.worker.session.SessionStatus;
import com.wagateway.worker.session.SessionView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
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

    @Autowired
    KafkaClients clients;

    @Autowired
    TopicNames topics;

    RestCalls rest;

    /** Opened by the first {@link #produce}: most tests go through REST only. */
    private KafkaProducer<String, CommandEnvelope> rawCommands;

    @BeforeEach
    void rest() {
        rest = new RestCalls(port, TOKEN);
    }

    @AfterEach
    void closeRawCommands() {
        if (rawCommands != null) {
            rawCommands.close();
            rawCommands = null;
        }
    }

    /** A producer straight to {@code wa.commands}, as another service or an operator replay would use. */
    KafkaProducer<String, CommandEnvelope> rawCommands() {
        if (rawCommands == null) {
            rawCommands = clients.producer("test-raw", AvroSerde.serializer(CommandEnvelope.class), Map.of());
        }
        return rawCommands;
    }

    /** Produces the command straight to {@code wa.commands}, valid for a minute; returns its offset. */
    long produce(SessionCommand command) throws Exception {
        return produce(command, Instant.now().plusSeconds(60));
    }

    long produce(SessionCommand command, Instant notAfter) throws Exception {
        CommandEnvelope envelope = CommandCodec.toAvro(command, "raw-producer", notAfter);
        return rawCommands().send(new ProducerRecord<>(topics.commands(), command.sessionId(), envelope)).get()
                .offset();
    }

    /** Reads {@code wa.message-events} from the beginning until {@code enough} holds (or 20 s passed). */
    List<MessageEvent> messageEvents(String sessionId, Predicate<List<MessageEvent>> enough) {
        return EventsProbe.messageEvents(clients, topics.messageEvents(), sessionId, enough, Duration.ofSeconds(20));
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

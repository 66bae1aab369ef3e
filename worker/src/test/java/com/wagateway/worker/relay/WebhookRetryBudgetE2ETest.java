package com.wagateway.worker.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * An outage longer than the retry budget (1 s here): the Backend answers 503 to one event for good; it is parked on
 * {@code wa.webhooks.dlt} with reason {@code retry_budget_exhausted} and its partition moves on (the session's next
 * event is delivered).
 */
@TestPropertySource(properties = "worker.relay.retry-budget=1s")
class WebhookRetryBudgetE2ETest extends RelayE2ESupport {

    static final String SESSION = "budget-session";

    @Test
    void anEventOutlastingTheRetryBudgetIsDeadLetteredAndThePartitionMovesOn() throws Exception {
        BACKEND.respond(r -> r.body().contains("\"seq-1\"") ? 503 : 200);
        String stuck;
        String after;
        try (TestEvents events = new TestEvents(clients, topics)) {
            events.messageStatus(SESSION, 0);
            stuck = events.messageStatus(SESSION, 1);
            after = events.messageStatus(SESSION, 2);
            events.flush();
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> answered(after, 200) == 1);
        assertThat(answered(stuck, 503)).as("retried within the budget").isGreaterThanOrEqualTo(2);
        assertThat(answered(stuck, 200)).isZero();

        ConsumerRecord<String, byte[]> letter = deadLetters().getFirst();
        assertThat(DeadLetterHeaders.get(letter.headers(), DeadLetterHeaders.EVENT_ID)).isEqualTo(stuck);
        assertThat(DeadLetterHeaders.get(letter.headers(), DeadLetterHeaders.REASON)).isEqualTo("retry_budget_exhausted");
        assertThat(DeadLetterHeaders.get(letter.headers(), DeadLetterHeaders.LAST_STATUS)).isEqualTo("503");
    }

    private static long answered(String eventId, int status) {
        return BACKEND.requests().stream()
                .filter(r -> eventId.equals(r.header("X-Event-Id")) && r.answered() == status).count();
    }

    private List<ConsumerRecord<String, byte[]>> deadLetters() {
        List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = clients.consumer("dlt-probe", new ByteArrayDeserializer(), Map.of())) {
            List<TopicPartition> parts = c.partitionsFor(topics.deadLetters()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                c.poll(Duration.ofMillis(200)).forEach(seen::add);
                return !seen.isEmpty();
            });
        }
        return seen;
    }
}

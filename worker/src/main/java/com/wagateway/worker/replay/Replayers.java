package com.wagateway.worker.replay;

import com.wagateway.worker.config.KafkaSettings;
import com.wagateway.worker.kafka.KafkaClients;
import com.wagateway.worker.relay.RelayMetrics;
import com.wagateway.worker.relay.RelayTopics;
import com.wagateway.worker.relay.RetryPolicy;
import com.wagateway.worker.relay.WebhookDelivery;
import com.wagateway.worker.relay.WebhookMapper;
import com.wagateway.worker.relay.WebhookSender;
import java.time.Clock;
import java.time.Duration;

/** Builds a {@link Replayer} the same way for the admin endpoint and the command line. */
final class Replayers {

    private Replayers() {}

    static Replayer create(KafkaClients clients, WebhookMapper mapper, WebhookSender sender, RelayMetrics metrics,
                           RelayTopics topics, KafkaSettings kafka, ReplayProperties replay) {
        RetryPolicy policy = new RetryPolicy(Duration.ofMillis(200), 2.0, 0.5, Duration.ofSeconds(5),
                replay.retryBudget(), 1);
        return new Replayer(clients, mapper, new WebhookDelivery(sender, policy, metrics, Clock.systemUTC()), topics,
                kafka.topicPrefix());
    }
}

package com.wagateway.worker.relay;

import com.wagateway.worker.config.KafkaSettings;
import com.wagateway.worker.kafka.TopicNames;

/** The topics the relay reads and the one it parks undeliverable events in, prefix applied. */
public record RelayTopics(String sessionEvents, String messageEvents, String deadLetters) {

    public static RelayTopics of(TopicNames names, KafkaSettings settings) {
        return new RelayTopics(names.sessionEvents(), names.messageEvents(), settings.topic("wa.webhooks.dlt"));
    }
}

package com.wagateway.worker.kafka;

import com.wagateway.worker.config.KafkaSettings;

/** The worker's topics with {@code worker.kafka.topic-prefix} applied. Every record on them is keyed by sessionId. */
public record TopicNames(String commands, String sessionEvents, String messageEvents, String sessionState) {

    public static TopicNames of(KafkaSettings settings) {
        return new TopicNames(settings.topic("wa.commands"), settings.topic("wa.session-events"),
                settings.topic("wa.message-events"), settings.topic("wa.session-state"));
    }

    /** Prefix for consumer group ids, so two prefixed deployments on one cluster never share a group. */
    public String groupPrefix() {
        return commands.substring(0, commands.length() - "wa.commands".length());
    }
}

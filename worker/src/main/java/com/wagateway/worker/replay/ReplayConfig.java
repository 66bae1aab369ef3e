package com.wagateway.worker.replay;

import com.wagateway.worker.config.KafkaSettings;
import com.wagateway.worker.kafka.KafkaClients;
import com.wagateway.worker.relay.RelayMetrics;
import com.wagateway.worker.relay.RelayTopics;
import com.wagateway.worker.relay.WebhookMapper;
import com.wagateway.worker.relay.WebhookSender;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The admin endpoint's replayer; it exists only when there is a Backend to send to (a {@link WebhookSender}). */
@Configuration(proxyBeanMethods = false)
public class ReplayConfig {

    @Bean
    ReplayService replayService(KafkaClients clients, WebhookMapper mapper, ObjectProvider<WebhookSender> sender,
                                RelayMetrics metrics, RelayTopics topics, KafkaSettings kafka, ReplayProperties replay) {
        WebhookSender s = sender.getIfAvailable();
        return new ReplayService(s == null ? null : Replayers.create(clients, mapper, s, metrics, topics, kafka, replay));
    }
}

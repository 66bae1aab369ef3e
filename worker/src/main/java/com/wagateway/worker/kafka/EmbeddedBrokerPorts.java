package com.wagateway.worker.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Loopback ports of the in-process broker ({@code worker.kafka.embedded.*}); 0 picks a free port at start.
 *
 * @param port           the PLAINTEXT listener clients bootstrap from
 * @param controllerPort the KRaft controller listener
 */
@ConfigurationProperties("worker.kafka.embedded")
public record EmbeddedBrokerPorts(int port, int controllerPort) {}

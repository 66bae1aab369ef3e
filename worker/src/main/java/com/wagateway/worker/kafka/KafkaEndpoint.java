package com.wagateway.worker.kafka;

/**
 * The one place every Kafka client of the worker takes its bootstrap address from: the configured cluster,
 * or the in-process broker once it is listening. Clients depend on this bean, so the broker (when there is
 * one) starts before them and stops after them.
 */
public record KafkaEndpoint(String bootstrapServers, boolean embedded) {}

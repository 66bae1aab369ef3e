package com.wagateway.worker.kafka;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The shared test broker in Docker instead of in process, for machines with a Docker engine
 * ({@code ./mvnw -pl worker -am verify -Dkafka.tests=testcontainers}). Kept in its own class so that
 * Testcontainers is loaded only when asked for: the default run needs no Docker.
 */
final class ContainerKafka {

    /** The same Kafka release the worker's clients and embedded broker are built on. */
    static final String IMAGE = "apache/kafka:4.2.2";

    private ContainerKafka() {}

    static String start() {
        KafkaContainer kafka = new KafkaContainer(DockerImageName.parse(IMAGE));
        kafka.start();
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::stop));
        return kafka.getBootstrapServers();
    }
}

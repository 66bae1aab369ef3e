package com.wagateway.worker.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wagateway.worker.kafka.KafkaClients;
import com.wagateway.worker.kafka.KafkaEndpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** With no broker answering, a submit fails within the acknowledgement bound instead of hanging. */
class KafkaCommandGatewayTest {

    @Test
    void aDeadBrokerIsRejectedWithinTheAckTimeout() throws IOException {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = s.getLocalPort();
        }
        KafkaClients clients = new KafkaClients(new KafkaEndpoint("127.0.0.1:" + deadPort, false), "gateway-test");
        try (KafkaCommandGateway gateway = new KafkaCommandGateway(clients, "wa.commands", Duration.ofMillis(1500),
                Clock.systemUTC())) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> gateway.submit(new CreateSession("c1", "s1", Instant.now(), "u", "n")))
                    .isInstanceOf(CommandRejectedException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
        }
    }

    @Test
    void anAckTimeoutTooShortToBoundTheProducerIsRefusedAtStart() {
        KafkaClients clients = new KafkaClients(new KafkaEndpoint("127.0.0.1:1", false), "gateway-test");
        assertThatThrownBy(() -> new KafkaCommandGateway(clients, "t", Duration.ofMillis(100), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("COMMAND_ACK_TIMEOUT");
    }
}

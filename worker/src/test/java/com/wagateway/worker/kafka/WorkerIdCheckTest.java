package com.wagateway.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wagateway.worker.WorkerApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** On a shared cluster WORKER_ID is the static group membership: the default would let two workers fence each other. */
class WorkerIdCheckTest {

    @Test
    void aClusterWithTheDefaultOrNoWorkerIdIsRefusedNamingWorkerId() {
        for (String id : new String[] {"worker-local", "", " ", null}) {
            assertThatCode(() -> KafkaInfrastructureConfig.requireOwnWorkerId(id))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("WORKER_ID")
                    .hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS");
        }
        assertThatCode(() -> KafkaInfrastructureConfig.requireOwnWorkerId("worker-eu-1")).doesNotThrowAnyException();
    }

    @Test
    void theWorkerDoesNotStartOnAClusterWithoutItsOwnWorkerId() {
        // no broker needed: the check runs before any client is made (the address is never dialled)
        assertThatThrownBy(() -> new SpringApplicationBuilder(WorkerApplication.class)
                .run("--server.port=0", "--worker.auth-token=check-token-0123456789",
                        "--worker.kafka.bootstrap-servers=127.0.0.1:1",
                        "--worker.session-storage-path=" + SharedKafka.tempDir("wa-idcheck-sessions"),
                        "--worker.media-storage-path=" + SharedKafka.tempDir("wa-idcheck-media")).close())
                .satisfies(t -> assertThat(rootCause(t)).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("WORKER_ID must be set"));
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }
}

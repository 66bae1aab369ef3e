package com.wagateway.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.wagateway.worker.WorkerApplication;
import com.wagateway.worker.connector.ScriptedConnectorConfig;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Topics that already exist are left as they are, even when the configured partition count differs: more
 * partitions would move sessions to other partitions and break their command order. The worker says so in a WARN
 * and neither it nor Spring Boot's {@code KafkaAdmin} (which would add partitions for {@code NewTopic} beans) touches
 * them.
 */
@ExtendWith(OutputCaptureExtension.class)
class ExistingTopicsE2ETest {

    @Test
    void existingTopicsKeepTheirPartitionCountAndTheDifferenceIsLogged(CapturedOutput output) throws Exception {
        String prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + ".";
        List<String> names = List.of(prefix + "wa.commands", prefix + "wa.session-events", prefix + "wa.message-events",
                prefix + "wa.session-state");
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", SharedKafka.bootstrapServers()))) {
            admin.createTopics(names.stream().map(n -> new NewTopic(n, 2, (short) 1)).toList()).all().get();

            try (ConfigurableApplicationContext worker = new SpringApplicationBuilder(WorkerApplication.class,
                    ScriptedConnectorConfig.class).run("--server.port=0", "--worker.id=existing-topics-worker",
                    "--worker.auth-token=existing-topics-token-0123456789",
                    "--worker.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers(),
                    "--worker.kafka.topic-prefix=" + prefix, "--worker.kafka.partitions=4",
                    "--worker.session-storage-path=" + SharedKafka.tempDir("wa-existing-sessions"),
                    "--worker.media-storage-path=" + SharedKafka.tempDir("wa-existing-media"))) {
                Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get();
                assertThat(described.values().stream().collect(Collectors.toMap(TopicDescription::name,
                        t -> t.partitions().size()))).as("partitions after the worker started")
                        .isEqualTo(names.stream().collect(Collectors.toMap(n -> n, n -> 2)));
            }
        }
        for (String name : names) {
            assertThat(output.getAll()).contains("topic partition count differs from configuration, left unchanged "
                    + "topic=" + name + " partitions=2 configured=4");
        }
    }
}

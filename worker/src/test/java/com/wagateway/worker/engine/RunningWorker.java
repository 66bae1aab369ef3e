package com.wagateway.worker.engine;

import com.wagateway.worker.WorkerApplication;
import com.wagateway.worker.config.WorkerProperties;
import com.wagateway.worker.kafka.KafkaClients;
import com.wagateway.worker.kafka.TopicNames;
import com.wagateway.worker.session.SessionDirectory;
import java.nio.file.Path;
import com.wagateway.emulator.Emulator;
import com.wagateway.worker.kafka.SharedKafka;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The worker as it runs in production (its real WhatsApp connector, no test doubles), started from command-line
 * settings, reached over HTTP with the Bearer token. Two starts with the same settings are the same worker restarted.
 */
final class RunningWorker implements AutoCloseable {

    static final String TOKEN = "emulator-e2e-token-0123456789";

    private final ConfigurableApplicationContext context;
    final RestCalls rest;

    private RunningWorker(ConfigurableApplicationContext context) {
        this.context = context;
        int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
        this.rest = new RestCalls(port, TOKEN);
    }

    /**
     * The settings of a worker of its own (id, topic prefix, storage folders) on the shared test broker, pointed at
     * {@code emulator}; callers add what their test needs.
     *
     * @param name short name of the test run, e.g. {@code e} ({@code worker.id}, topic prefix and folders use it)
     */
    static Map<String, String> settingsFor(Emulator emulator, String name, int partitions) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("worker.id", name + "-e2e-" + run);
        settings.put("worker.kafka.bootstrap-servers", SharedKafka.bootstrapServers());
        settings.put("worker.kafka.topic-prefix", name + run + ".");
        settings.put("worker.kafka.partitions", Integer.toString(partitions));
        settings.put("worker.session-storage-path", SharedKafka.tempDir("wa-" + name + "-sessions"));
        settings.put("worker.media-storage-path", SharedKafka.tempDir("wa-" + name + "-media"));
        settings.put("worker.history.data-dir", SharedKafka.tempDir("wa-" + name + "-history"));
        settings.put("worker.whatsapp.server-url", emulator.wsUrl().toString());
        settings.put("worker.whatsapp.server-root-key", emulator.rootPublicKeyBase64());
        // the emulator's media hosts are HTTPS with its own certificate: trusted by configuration, as in production
        settings.put("worker.whatsapp.media.trust-cert", emulator.mediaCertificatePath().toString());
        return settings;
    }

    /**
     * @param settings property name → value, e.g. {@code worker.whatsapp.server-url}
     * @param beans    test beans registered before the worker's own (seams such as a media {@code HostResolver})
     */
    static RunningWorker start(Map<String, String> settings, Map<Class<?>, Object> beans) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--worker.auth-token=" + TOKEN));
        settings.forEach((k, v) -> args.add("--" + k + "=" + v));
        SpringApplicationBuilder builder = new SpringApplicationBuilder(WorkerApplication.class);
        if (!beans.isEmpty()) {
            builder.initializers(context -> beans.forEach((type, bean) -> register(
                    (org.springframework.context.support.GenericApplicationContext) context, type, bean)));
        }
        return new RunningWorker(builder.run(args.toArray(String[]::new)));
    }

    static RunningWorker start(Map<String, String> settings) {
        return start(settings, Map.of());
    }

    @SuppressWarnings("unchecked")
    private static <T> void register(org.springframework.context.support.GenericApplicationContext context,
                                     Class<T> type, Object bean) {
        context.registerBean(type, () -> (T) bean);
    }

    SessionDirectory directory() {
        return context.getBean(SessionDirectory.class);
    }

    KafkaClients clients() {
        return context.getBean(KafkaClients.class);
    }

    TopicNames topics() {
        return context.getBean(TopicNames.class);
    }

    Path sessionDir(String sessionId) {
        return context.getBean(WorkerProperties.class).sessionStoragePath().resolve(sessionId);
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}

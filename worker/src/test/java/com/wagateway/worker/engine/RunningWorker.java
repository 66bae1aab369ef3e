package com.wagateway.worker.engine;

import com.wagateway.worker.WorkerApplication;
import com.wagateway.worker.config.WorkerProperties;
import com.wagateway.worker.kafka.KafkaClients;
import com.wagateway.worker.kafka.TopicNames;
import com.wagateway.worker.session.SessionDirectory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    /** @param settings property name → value, e.g. {@code worker.whatsapp.server-url} */
    static RunningWorker start(Map<String, String> settings) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--worker.auth-token=" + TOKEN));
        settings.forEach((k, v) -> args.add("--" + k + "=" + v));
        return new RunningWorker(new SpringApplicationBuilder(WorkerApplication.class).run(args.toArray(String[]::new)));
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

package com.wagateway.worker.backend;

import com.wagateway.worker.api.WorkerStatusService;
import com.wagateway.worker.config.WorkerProperties;
import com.wagateway.worker.session.SessionDirectory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.core.env.Environment;

/** Registration and heartbeat; off (and said so at start) without {@code BACKEND_URL}. */
@Configuration(proxyBeanMethods = false)
public class BackendLinkConfig {

    private static final Logger log = LoggerFactory.getLogger(BackendLinkConfig.class);

    @Bean
    @Conditional(BackendConfigured.class)
    BackendLink backendLink(WorkerProperties worker, BackendLinkProperties link, WorkerStatusService status,
                            SessionDirectory directory, ObjectProvider<BuildProperties> build, Environment env) {
        BuildProperties info = build.getIfAvailable();
        String version = info != null && info.getVersion() != null ? info.getVersion() : "unknown";
        BackendClient client = new BackendClient(worker.backendUrl().strip(), worker.authToken(), link.requestTimeout());
        return new BackendLink(client, worker.id(),
                () -> new Registration(worker.id(), endpoint(link, env), worker.maxSessions(), version,
                        worker.environment()),
                new HeartbeatFigures(status, directory, worker.id()), link);
    }

    @Bean
    @Conditional(NoBackend.class)
    Object backendLinkOff() {
        log.info("backend link off reason=\"BACKEND_URL not set\" (no registration, heartbeat or webhooks)");
        return new Object();
    }

    /** WORKER_PUBLIC_URL, else this host's address and the port the server really listens on (known once started). */
    static String endpoint(BackendLinkProperties link, Environment env) {
        if (link.publicUrl() != null && !link.publicUrl().isBlank()) {
            return link.publicUrl().strip();
        }
        String port = env.getProperty("local.server.port", env.getProperty("server.port", "8001"));
        String host;
        try {
            host = InetAddress.getLocalHost().getHostAddress();
        } catch (UnknownHostException e) {
            host = "127.0.0.1";
        }
        return "http://" + host + ":" + port;
    }

    static final class BackendConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !context.getEnvironment().getProperty("worker.backend-url", "").isBlank();
        }
    }

    static final class NoBackend implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return context.getEnvironment().getProperty("worker.backend-url", "").isBlank();
        }
    }
}

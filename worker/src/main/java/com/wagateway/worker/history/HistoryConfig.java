package com.wagateway.worker.history;

import com.wagateway.worker.config.WorkerProperties;
import com.wagateway.worker.kafka.KafkaClients;
import com.wagateway.worker.kafka.TopicNames;
import com.wagateway.worker.kafka.TopicProvisioner;
import com.wagateway.worker.store.SessionStoreKey;
import com.wagateway.worker.store.SessionStoreProperties;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The history database (its own pool, not Spring Boot's {@code spring.datasource}: nothing else in the worker
 * uses SQL) and the projector. The pool closes after the projector stopped (bean dependency order).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HistoryProperties.class)
public class HistoryConfig {

    private static final Logger log = LoggerFactory.getLogger(HistoryConfig.class);

    @Bean(destroyMethod = "close")
    HistoryDataSource historyDataSource(HistoryProperties settings, WorkerProperties worker) {
        HistoryProperties properties = settings.dataDirBeside(worker.sessionStoragePath());
        if (properties.embedded()) {
            try {
                Files.createDirectories(properties.dataDir());
            } catch (IOException e) {
                throw new UncheckedIOException("HISTORY_DATA_DIR " + properties.dataDir() + " cannot be created", e);
            }
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("wa-history");
        config.setJdbcUrl(properties.effectiveUrl());
        if (properties.username() != null && !properties.username().isBlank()) {
            config.setUsername(properties.username());
        } else if (properties.embedded()) {
            config.setUsername("sa");
        }
        if (properties.password() != null) {
            config.setPassword(properties.password());
        }
        config.setMaximumPoolSize(properties.poolSize());
        config.setMinimumIdle(1);
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            HistorySchema.create(dataSource);
        } catch (SQLException e) {
            dataSource.close();
            throw new IllegalStateException("message history database unusable (HISTORY_JDBC_URL): " + e.getMessage(), e);
        }
        log.info("message history database ready url={} embedded={}", redactedUrl(properties.effectiveUrl()),
                properties.embedded());
        return new HistoryDataSource(dataSource);
    }

    /** Events the history could not store are counted ({@code wa_history_events_skipped_total}) and logged. */
    @Bean
    MessageHistoryProjector messageHistory(KafkaClients clients, TopicNames topics, TopicProvisioner provisioned,
                                           HistoryDataSource dataSource, ObjectProvider<MeterRegistry> meters,
                                           WorkerProperties worker, ObjectProvider<SessionStoreProperties> storeKey) {
        SessionStoreProperties keySetting = storeKey.getIfAvailable();
        // the same key and the same start-up rules as the session store (required in production)
        SessionStoreKey key = SessionStoreKey.resolve(keySetting == null ? null : keySetting.key(),
                worker.production()).orElse(null);
        log.info("message history text at rest encrypted={}", key != null);
        JdbcHistoryStore store = new JdbcHistoryStore(dataSource.dataSource(), topics.messageEvents(),
                Clock.systemUTC(), HistoryCipher.of(key));
        MeterRegistry registry = meters.getIfAvailable();
        if (registry != null) {
            FunctionCounter.builder("wa.history.events.skipped", store, JdbcHistoryStore::skipped)
                    .description("Message events left out of the history because the database refused them")
                    .register(registry);
        }
        return new MessageHistoryProjector(clients, topics.messageEvents(), store);
    }

    /** A URL can carry a password ({@code ?password=…}): only what comes before the parameters is logged. */
    static String redactedUrl(String url) {
        int q = url.indexOf('?');
        int semi = url.indexOf(';');
        int cut = q < 0 ? semi : semi < 0 ? q : Math.min(q, semi);
        return cut < 0 ? url : url.substring(0, cut);
    }

    /** The history's pool, a type of its own so it never becomes some other component's {@code DataSource}. */
    public record HistoryDataSource(HikariDataSource dataSource) implements AutoCloseable {
        @Override
        public void close() {
            dataSource.close();
        }
    }
}

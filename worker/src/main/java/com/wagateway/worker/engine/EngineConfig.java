package com.wagateway.worker.engine;

import com.wagateway.worker.command.KafkaCommandGateway;
import com.wagateway.worker.config.WorkerProperties;
import com.wagateway.worker.connector.WhatsAppConnector;
import com.wagateway.worker.events.EventPublisher;
import com.wagateway.worker.kafka.KafkaClients;
import com.wagateway.worker.kafka.TopicNames;
import com.wagateway.worker.kafka.TopicProvisioner;
import com.wagateway.worker.message.MessageEventsView;
import com.wagateway.worker.message.MessageStatusLookup;
import com.wagateway.worker.session.PairingCodeAnswers;
import com.wagateway.worker.session.SessionStateView;
import com.wagateway.worker.store.SessionStore;
import com.wagateway.worker.store.SessionStoreConfig;
import com.wagateway.worker.store.SessionStoreProperties;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The event-driven spine: command gateway → {@code wa.commands} → engine → events and state → read models.
 * Every bean here takes {@link TopicProvisioner} (directly or through another bean), so topics exist before any
 * client uses them; destruction runs the other way (engine, publisher, gateway, then the broker).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RestoreProperties.class)
public class EngineConfig {

    @Bean
    SessionStore sessionStore(WorkerProperties worker, SessionStoreProperties storeSettings) {
        return SessionStoreConfig.create(worker, storeSettings);
    }

    @Bean(destroyMethod = "close")
    KafkaCommandGateway commandGateway(KafkaClients clients, TopicNames topics, TopicProvisioner provisioned,
                                       WorkerProperties worker) {
        return new KafkaCommandGateway(clients, topics.commands(), worker.commandAckTimeout(), Clock.systemUTC());
    }

    @Bean(destroyMethod = "close")
    EventPublisher eventPublisher(KafkaClients clients, TopicNames topics, TopicProvisioner provisioned) {
        return new EventPublisher(clients, topics, Clock.systemUTC());
    }

    @Bean
    SessionStateView sessionStateView(KafkaClients clients, TopicNames topics, TopicProvisioner provisioned) {
        return new SessionStateView(clients, topics.sessionState());
    }

    @Bean
    PairingCodeAnswers pairingCodeAnswers(KafkaClients clients, TopicNames topics, TopicProvisioner provisioned) {
        return new PairingCodeAnswers(clients, topics.sessionEvents());
    }

    @Bean
    MessageEventsView messageEventsView(KafkaClients clients, TopicNames topics, TopicProvisioner provisioned) {
        return new MessageEventsView(clients, topics.messageEvents());
    }

    @Bean(destroyMethod = "close")
    SessionEngine sessionEngine(WhatsAppConnector connector, SessionStore store, EventPublisher publisher,
                                SessionStateView states, WorkerProperties worker, RestoreProperties restore,
                                ObjectProvider<EngineObserver> observer, ObjectProvider<MessageStatusLookup> history) {
        if (worker.maxSessions() < 1) {
            throw new IllegalArgumentException("MAX_SESSIONS must be at least 1, was " + worker.maxSessions());
        }
        return new SessionEngine(connector, store, publisher, states, worker.maxSessions(), Clock.systemUTC(),
                observer.getIfAvailable(() -> EngineObserver.NONE), restore.rate(),
                history.getIfAvailable(() -> MessageStatusLookup.NONE));
    }

    @Bean
    CommandConsumer commandConsumer(KafkaClients clients, TopicNames topics, SessionEngine engine,
                                    SessionStateView states) {
        return new CommandConsumer(clients, topics.commands(), topics.groupPrefix() + "wa-engine", engine, states,
                states::snapshots);
    }
}

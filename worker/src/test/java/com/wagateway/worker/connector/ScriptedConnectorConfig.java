package com.wagateway.worker.connector;

import com.wagateway.worker.store.SessionStore;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Replaces the main code's connector with {@link ScriptedConnector} in a test context. */
@TestConfiguration(proxyBeanMethods = false)
public class ScriptedConnectorConfig {

    @Bean
    @Primary
    ScriptedConnector scriptedConnector(SessionStore store) {
        return new ScriptedConnector(store);
    }
}

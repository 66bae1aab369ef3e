package com.wagateway.worker.media.fetch;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The guard alone, which the REST API's send validation needs (and its slice tests import without the fetcher). A
 * {@link HostResolver} bean, when a test defines one, replaces the system resolver.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MediaFetchProperties.class)
public class MediaUrlGuardConfiguration {

    @Bean
    MediaUrlGuard mediaUrlGuard(MediaFetchProperties properties, ObjectProvider<HostResolver> resolver) {
        return new MediaUrlGuard(properties, resolver.getIfAvailable(() -> HostResolver.SYSTEM));
    }
}

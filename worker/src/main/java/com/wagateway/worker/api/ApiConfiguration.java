package com.wagateway.worker.api;

import com.wagateway.worker.config.WorkerProperties;
import com.wagateway.worker.message.MessageIdGenerator;
import java.security.SecureRandom;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the facade's cross-cutting parts: the token, the two filters in front of everything, the id generator.
 * Auth runs first (so an oversized request without a token learns nothing but 401), then the size limit.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({WorkerProperties.class, ApiProperties.class, WorkerFeatures.class,
        WhatsAppVersionProperties.class})
public class ApiConfiguration {

    static final int AUTH_FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;
    static final int SIZE_FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

    @Bean
    BearerToken apiBearerToken(WorkerProperties properties) {
        return new ApiTokenResolver(new SecureRandom()).resolve(properties);
    }

    @Bean
    FilterRegistrationBean<BearerAuthFilter> bearerAuthFilter(BearerToken token, ApiProperties api, JsonMapper json) {
        var registration = new FilterRegistrationBean<>(
                new BearerAuthFilter(token, new PublicPaths(api.docsPublic()), new ErrorResponseWriter(json)));
        registration.setOrder(AUTH_FILTER_ORDER);
        registration.addUrlPatterns("/*");
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(ApiProperties api, JsonMapper json) {
        var registration = new FilterRegistrationBean<>(
                new RequestSizeLimitFilter(api.maxBodySize().toBytes(), new ErrorResponseWriter(json)));
        registration.setOrder(SIZE_FILTER_ORDER);
        registration.addUrlPatterns("/*");
        return registration;
    }

    @Bean
    MessageIdGenerator messageIdGenerator() {
        return MessageIdGenerator.system();
    }
}

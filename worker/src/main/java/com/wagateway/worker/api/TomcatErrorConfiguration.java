package com.wagateway.worker.api;

import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Swaps Tomcat's HTML error report for {@link EnvelopeErrorReportValve}, so even requests Tomcat refuses itself
 * get the envelope. Ordered last, to replace the valve Boot's own Tomcat customizer installs.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(Tomcat.class)
public class TomcatErrorConfiguration {

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> envelopeErrorReport() {
        return factory -> factory.addContextCustomizers(context -> {
            if (!(context.getParent() instanceof Host host)) {
                return;
            }
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve && !(valve instanceof EnvelopeErrorReportValve)) {
                    host.getPipeline().removeValve(valve);
                }
            }
            host.getPipeline().addValve(new EnvelopeErrorReportValve());
            if (host instanceof StandardHost standard) {
                // Otherwise the host adds a stock ErrorReportValve on start when it finds none of this class name.
                standard.setErrorReportValveClass(EnvelopeErrorReportValve.class.getName());
            }
        });
    }
}

package com.wagateway.worker.media.fetch;

import com.wagateway.worker.media.MediaSizeLimits;
import com.wagateway.worker.config.WorkerProperties;
import java.io.IOException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The media fetcher, temporary files under {@code MEDIA_STORAGE_PATH/.tmp}. A {@link Dialer} bean, when a test defines
 * one, replaces the direct dialer.
 */
@Configuration(proxyBeanMethods = false)
@Import(MediaUrlGuardConfiguration.class)
@EnableConfigurationProperties({MediaFetchProperties.class, MediaSizeLimits.class, WorkerProperties.class})
public class MediaFetchConfiguration {

    @Bean(destroyMethod = "close")
    MediaFetcher mediaFetcher(MediaUrlGuard guard, MediaFetchProperties properties, MediaSizeLimits limits,
                              WorkerProperties worker, ObjectProvider<Dialer> dialer) throws IOException {
        return new MediaFetcher(guard, properties, limits, worker.mediaStoragePath(),
                dialer.getIfAvailable(() -> Dialer.DIRECT), null);
    }
}

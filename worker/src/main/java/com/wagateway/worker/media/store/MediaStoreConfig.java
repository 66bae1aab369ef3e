package com.wagateway.worker.media.store;

import com.wagateway.worker.config.WorkerProperties;
import com.wagateway.worker.media.MediaObserver;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The received-media store under {@code MEDIA_STORAGE_PATH} and its retention sweeper. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MediaRetentionProperties.class)
public class MediaStoreConfig {

    @Bean
    MediaStore mediaStore(WorkerProperties worker) {
        return new MediaStore(worker.mediaStoragePath(), Clock.systemUTC());
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    MediaRetentionSweeper mediaRetentionSweeper(MediaStore store, MediaRetentionProperties properties,
                                                ObjectProvider<MediaObserver> observer) {
        MediaObserver meters = observer.getIfAvailable(() -> MediaObserver.NONE);
        return new MediaRetentionSweeper(store, properties, Clock.systemUTC(),
                swept -> meters.swept(swept.files(), swept.bytes()));
    }
}

package com.wagateway.worker.media.store;

import com.wagateway.worker.config.WorkerProperties;
import com.wagateway.worker.history.HistoryCipher;
import com.wagateway.worker.media.MediaObserver;
import com.wagateway.worker.media.fetch.MediaFetchProperties;
import com.wagateway.worker.store.SessionStore;
import com.wagateway.worker.waclient.MediaClientProperties;
import com.wagateway.worker.waclient.MediaTransferProperties;
import com.wagateway.worker.store.SessionStoreKey;
import com.wagateway.worker.store.SessionStoreProperties;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The received-media store under {@code MEDIA_STORAGE_PATH} and its retention sweeper. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MediaRetentionProperties.class)
public class MediaStoreConfig {

    /** File names in the sidecars are sealed with {@code SESSION_STORE_KEY} when it is set, as the history's text. */
    @Bean
    MediaStore mediaStore(WorkerProperties worker, ObjectProvider<SessionStoreProperties> storeKey,
                          ObjectProvider<SessionStore> sessions) {
        SessionStoreProperties keySetting = storeKey.getIfAvailable();
        SessionStoreKey key = SessionStoreKey.resolve(keySetting == null ? null : keySetting.key(),
                worker.production()).orElse(null);
        return new MediaStore(worker.mediaStoragePath(), Clock.systemUTC(), HistoryCipher.of(key), sessionId -> {
            SessionStore store = sessions.getIfAvailable();
            return store == null || store.hasCredentials(sessionId);
        });
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    MediaRetentionSweeper mediaRetentionSweeper(MediaStore store, MediaRetentionProperties properties,
                                                ObjectProvider<MediaObserver> observer,
                                                ObjectProvider<MediaTransferProperties> transferSettings,
                                                ObjectProvider<MediaFetchProperties> fetchSettings,
                                                ObjectProvider<MediaClientProperties> clientSettings) {
        MediaObserver meters = observer.getIfAvailable(() -> MediaObserver.NONE);
        MediaTransferProperties transfer = transferSettings.getIfAvailable(MediaTransferProperties::defaults);
        MediaClientProperties client = clientSettings.getIfAvailable(MediaClientProperties::defaults);
        Duration fetch = fetchSettings.getIfAvailable(MediaFetchProperties::defaults).totalTimeout();
        // MEDIA_PREPARE_TIMEOUT unset: the fetch and the upload in turn (WhatsAppClientConfig adds a smaller margin)
        Duration prepare = transfer.prepareTimeout() != null ? transfer.prepareTimeout()
                : fetch.plus(client.requestTimeout());
        Duration staleTemp = MediaRetentionSweeper.staleTempAge(transfer.downloadTimeout(), fetch, prepare,
                client.requestTimeout().plus(client.retryTimeout()));
        return new MediaRetentionSweeper(store, properties, staleTemp, Clock.systemUTC(),
                swept -> meters.swept(swept.files(), swept.bytes()));
    }
}

package com.wagateway.worker.waclient;

import com.wagateway.whatsapp.client.ClientConfig;
import com.wagateway.whatsapp.noise.TrustRoot;
import com.wagateway.worker.connector.WhatsAppConnector;
import com.wagateway.worker.media.MediaObserver;
import com.wagateway.worker.media.FetchAndInspect;
import com.wagateway.worker.media.content.MediaInspector;
import com.wagateway.worker.media.fetch.MediaFetchProperties;
import com.wagateway.worker.media.fetch.MediaFetcher;
import com.wagateway.worker.media.MediaSizeLimits;
import com.wagateway.worker.media.store.MediaStore;
import com.wagateway.worker.store.SessionStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The real WhatsApp connector and what its clients share; the runtime is closed after the engine on shutdown. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({WhatsAppClientProperties.class, MediaTransferProperties.class,
        MediaClientProperties.class})
public class WhatsAppClientConfig {

    /** More only adds threads parked on fsync; the pool exists so those waits overlap, not to scale without end. */
    static final int MAX_CLIENT_THREADS = 1024;

    private static final Logger log = LoggerFactory.getLogger(WhatsAppClientConfig.class);

    /** Checked at start-up: a bad WA_SERVER_URL, WA_SERVER_ROOT_KEY or WA_VERSION stops the worker, saying which. */
    @Bean
    ClientConfig whatsAppClientSettings(WhatsAppClientProperties properties, MediaClientProperties media,
                                        MediaTransferProperties transfer, MediaStore store) {
        ClientConfig config = ClientSettings.forMediaReception(
                ClientSettings.toConfig(properties).withMedia(ClientSettings.media(media)), transfer, store.tempDir());
        log.info("whatsapp client server={} customRootKey={} version={} keepAliveSec={} reconnectMaxAttempts={} "
                        + "mediaTrustCert={} inboundKeepSec={}", config.serverUrl(),
                !config.trustRoot().equals(TrustRoot.WHATSAPP), config.version(),
                config.keepAliveInterval().toSeconds(), config.reconnect().maxAttempts(),
                media.trustCert() == null ? "<jdk>" : media.trustCert(), config.inboundKeepTimeout().toSeconds());
        return config;
    }

    /**
     * @param clientThreads {@code WA_CLIENT_THREADS}: threads for the sessions' client work (it blocks on fsync);
     *                      0 = on the timer threads
     */
    @Bean(destroyMethod = "close")
    ClientRuntimeResources whatsAppClientRuntime(@Value("${worker.whatsapp.client-threads:32}") int clientThreads) {
        if (clientThreads < 0 || clientThreads > MAX_CLIENT_THREADS) {
            throw new IllegalArgumentException("WA_CLIENT_THREADS must be 0.." + MAX_CLIENT_THREADS + ", was "
                    + clientThreads);
        }
        return new ClientRuntimeResources(Math.max(2, Runtime.getRuntime().availableProcessors()), clientThreads);
    }

    /** What a media send's time limit allows beyond the fetch and the upload: queue wait and inspection. */
    static final Duration PREPARE_MARGIN = Duration.ofSeconds(30);

    /** Media sends (fetch, inspect, upload) of all sessions, bounded; see {@link MediaTaskPool}. */
    @Bean(destroyMethod = "close")
    MediaTaskPool mediaSendExecutor(MediaTransferProperties media) {
        return new MediaTaskPool("wa-media-send", media.threads(), media.queue());
    }

    /** Disk work of received media (moving a verified file into place, its sidecar): short tasks. */
    @Bean(destroyMethod = "close")
    MediaTaskPool mediaStoreExecutor() {
        return new MediaTaskPool("wa-media-store", 2, 100_000);
    }

    @Bean
    MediaServices mediaServices(MediaTransferProperties transfer, MediaTaskPool mediaSendExecutor,
                                MediaTaskPool mediaStoreExecutor, MediaStore store, MediaSizeLimits limits,
                                MediaFetcher fetcher, MediaFetchProperties fetch, MediaClientProperties client,
                                ObjectProvider<MediaObserver> observers, ObjectProvider<MediaDownload> downloads) {
        MediaObserver observer = observers.getIfAvailable(() -> MediaObserver.NONE);
        Duration prepareTimeout = transfer.prepareTimeout() != null ? transfer.prepareTimeout()
                : fetch.totalTimeout().plus(client.requestTimeout()).plus(PREPARE_MARGIN);
        log.info("media transfer threads={} queue={} prepareTimeoutSec={} downloadTimeoutSec={} "
                        + "maxConcurrentDownloads={} downloadWaitSec={}", transfer.threads(), transfer.queue(),
                prepareTimeout.toSeconds(), transfer.downloadTimeout().toSeconds(), transfer.maxConcurrentDownloads(),
                transfer.downloadWait().toSeconds());
        return new MediaServices(new MediaSender(new FetchAndInspect(fetcher, new MediaInspector()), limits,
                mediaSendExecutor, prepareTimeout),
                new MediaReception(store, limits, transfer.downloadTimeout(),
                        new DownloadSlots(transfer.maxConcurrentDownloads()), transfer.downloadWait(),
                        mediaStoreExecutor, observer, downloads.getIfAvailable(() -> MediaDownload.CLIENT)),
                observer);
    }

    @Bean
    WhatsAppConnector whatsAppConnector(ClientConfig config, ClientRuntimeResources runtime, SessionStore store,
                                        WhatsAppClientProperties properties, MediaServices media,
                                        ObjectProvider<MeterRegistry> meters) {
        MeterRegistry registry = meters.getIfAvailable();
        UndecryptableCounter undecryptable = registry == null ? UndecryptableCounter.NONE
                : UndecryptableCounter.of(registry);
        return new WhatsAppClientConnector(config, runtime.runtime(), store, properties.requestTimeout(),
                properties.sendAckTimeout(), undecryptable, media);
    }
}

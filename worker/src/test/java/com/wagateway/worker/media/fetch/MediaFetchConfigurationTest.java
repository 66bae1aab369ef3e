package com.wagateway.worker.media.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import com.wagateway.worker.media.MediaSizeLimits;
import com.wagateway.worker.message.MessageType;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.unit.DataSize;

/** application.yml's MEDIA_* variables reach the fetcher, with the documented defaults. */
class MediaFetchConfigurationTest {

    @TempDir
    Path media;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withInitializer(new ConfigDataApplicationContextInitializer())
                .withUserConfiguration(MediaFetchConfiguration.class)
                .withPropertyValues("MEDIA_STORAGE_PATH=" + media);
    }

    @Test
    void defaultsAreWhatsAppsLimitsAndNothingPrivate() {
        runner().run(context -> {
            assertThat(context).hasNotFailed();
            MediaFetchProperties fetch = context.getBean(MediaFetchProperties.class);
            assertThat(fetch.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(fetch.readTimeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(fetch.totalTimeout()).isEqualTo(Duration.ofMinutes(2));
            assertThat(fetch.allowedHosts()).isEmpty();
            assertThat(fetch.allowPrivateNetworks()).isFalse();
            MediaSizeLimits limits = context.getBean(MediaSizeLimits.class);
            assertThat(limits.maxBytes(MessageType.IMAGE)).isEqualTo(DataSize.ofMegabytes(5).toBytes());
            assertThat(limits.maxBytes(MessageType.VIDEO)).isEqualTo(DataSize.ofMegabytes(16).toBytes());
            assertThat(limits.maxBytes(MessageType.AUDIO)).isEqualTo(DataSize.ofMegabytes(16).toBytes());
            assertThat(limits.maxBytes(MessageType.DOCUMENT)).isEqualTo(DataSize.ofMegabytes(100).toBytes());
            assertThat(context.getBean(MediaFetcher.class).tempDir()).isEqualTo(media.resolve(".tmp")).isDirectory();
            assertThat(context.getBean(MediaUrlGuard.class)).isNotNull();
        });
    }

    @Test
    void environmentVariablesOverrideThem() {
        runner().withPropertyValues("MEDIA_CONNECT_TIMEOUT=3s", "MEDIA_READ_TIMEOUT=4s", "MEDIA_FETCH_TIMEOUT=90s",
                        "MEDIA_ALLOWED_HOSTS=media.internal,*.corp.test,10.0.5.7", "MEDIA_ALLOW_PRIVATE_NETWORKS=true",
                        "MEDIA_MAX_IMAGE_BYTES=1048576", "MEDIA_MAX_DOCUMENT_BYTES=2GB")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    MediaFetchProperties fetch = context.getBean(MediaFetchProperties.class);
                    assertThat(fetch.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(fetch.readTimeout()).isEqualTo(Duration.ofSeconds(4));
                    assertThat(fetch.totalTimeout()).isEqualTo(Duration.ofSeconds(90));
                    assertThat(fetch.allowedHosts()).containsExactly("media.internal", "*.corp.test", "10.0.5.7");
                    assertThat(fetch.allowPrivateNetworks()).isTrue();
                    MediaSizeLimits limits = context.getBean(MediaSizeLimits.class);
                    assertThat(limits.maxBytes(MessageType.IMAGE)).isEqualTo(1_048_576);
                    assertThat(limits.maxBytes(MessageType.DOCUMENT)).isEqualTo(DataSize.ofGigabytes(2).toBytes());
                });
    }

    @Test
    void aBadAllowListEntryOrTimeoutStopsTheStartNamingTheVariable() {
        runner().withPropertyValues("MEDIA_ALLOWED_HOSTS=10.0.0.0/8").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("MEDIA_ALLOWED_HOSTS"));
        runner().withPropertyValues("MEDIA_FETCH_TIMEOUT=0s").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("MEDIA_FETCH_TIMEOUT"));
        runner().withPropertyValues("MEDIA_MAX_VIDEO_BYTES=0").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("MEDIA_MAX_VIDEO_BYTES"));
    }
}

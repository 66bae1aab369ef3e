package com.wagateway.worker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wagateway.worker.config.WorkerProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@ExtendWith(OutputCaptureExtension.class)
class SessionStoreKeyTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]).replace("AAAA", "QUJD");

    @TempDir
    Path root;

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({WorkerProperties.class, SessionStoreProperties.class})
    static class StoreOnly {
        @Bean
        SessionStore sessionStore(WorkerProperties worker, SessionStoreProperties settings) {
            return SessionStoreConfig.create(worker, settings);
        }
    }

    private ApplicationContextRunner context() {
        return new ApplicationContextRunner().withUserConfiguration(StoreOnly.class).withPropertyValues(
                "worker.session-storage-path=" + root.resolve("sessions"),
                "worker.media-storage-path=" + root.resolve("media"));
    }

    @Test
    void aWellFormedKeyResolves() {
        assertThat(SessionStoreKey.resolve(KEY, true)).isPresent();
        assertThat(SessionStoreKey.resolve("  " + KEY + "\n", false)).as("surrounding blanks ignored").isPresent();
        assertThat(SessionStoreKey.resolve(KEY, false).orElseThrow().toString()).doesNotContain(KEY)
                .contains("redacted");
        assertThat(new SessionStoreProperties(KEY).toString()).doesNotContain(KEY);
    }

    @Test
    void noKeyIsFineOutsideProductionAndRefusedInIt() {
        assertThat(SessionStoreKey.resolve("", false)).isEmpty();
        assertThat(SessionStoreKey.resolve(null, false)).isEmpty();
        assertThatThrownBy(() -> SessionStoreKey.resolve(" ", true)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SESSION_STORE_KEY").hasMessageContaining("production");
    }

    @Test
    void malformedKeysAreRefusedNamingTheVariableWithoutEchoingIt() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        for (String bad : new String[] {"not*base64!", shortKey, Base64.getEncoder().encodeToString(new byte[33])}) {
            assertThatThrownBy(() -> SessionStoreKey.resolve(bad, false)).as(bad)
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("SESSION_STORE_KEY")
                    .hasMessageNotContaining(bad);
        }
    }

    @Test
    void productionContextDoesNotStartWithoutKey() {
        context().withPropertyValues("worker.environment=production", "worker.session-store.key=").run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure()).rootCause().isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("SESSION_STORE_KEY");
        });
    }

    @Test
    void malformedKeyStopsStartUp(CapturedOutput output) {
        context().withPropertyValues("worker.environment=development", "worker.session-store.key=c2hvcnQ=")
                .run(ctx -> {
                    assertThat(ctx).hasFailed();
                    assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("SESSION_STORE_KEY")
                            .hasMessageContaining("32 bytes");
                });
        assertThat(output.getAll()).doesNotContain("c2hvcnQ=");
    }

    @Test
    void productionWithKeyStartsEncryptedAndNeverLogsTheKey(CapturedOutput output) {
        context().withPropertyValues("worker.environment=production", "worker.session-store.key=" + KEY).run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(((FileSessionStore) ctx.getBean(SessionStore.class)).encrypted()).isTrue();
        });
        assertThat(output.getAll()).doesNotContain(KEY).doesNotContain("stored unencrypted");
    }

    @Test
    void developmentWithoutKeyStartsPlainWithOneWarning(CapturedOutput output) {
        context().withPropertyValues("worker.environment=development").run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(((FileSessionStore) ctx.getBean(SessionStore.class)).encrypted()).isFalse();
        });
        assertThat(output.getAll().split("SESSION_STORE_KEY is not set", -1)).as("exactly one warning").hasSize(2);
    }

    @Test
    void theWorkerPropertiesRecordStillBindsAlongside() {
        WorkerProperties p = new WorkerProperties("w", "production", 1, null, null, root, root, Duration.ZERO,
                Duration.ZERO);
        assertThatThrownBy(() -> SessionStoreConfig.create(p, new SessionStoreProperties(null)))
                .hasMessageContaining("SESSION_STORE_KEY");
    }
}

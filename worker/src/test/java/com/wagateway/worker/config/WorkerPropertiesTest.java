package com.wagateway.worker.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WorkerPropertiesTest {

    @Test
    void toStringNeverShowsTheAuthToken() {
        WorkerProperties p = new WorkerProperties("w-1", "production", 50, "http://backend", "s3cret-token-value",
                Path.of("./sessions"), Path.of("./media"), Duration.ofSeconds(10), Duration.ofSeconds(5));
        assertThat(p.toString()).doesNotContain("s3cret-token-value").contains("authToken=<redacted>")
                .contains("id=w-1").contains("maxSessions=50").contains("backendUrl=http://backend");
    }

    @Test
    void toStringSaysWhenNoTokenIsSet() {
        WorkerProperties p = new WorkerProperties("w-1", "development", 50, "", "", Path.of("./sessions"),
                Path.of("./media"), Duration.ofSeconds(10), Duration.ofSeconds(5));
        assertThat(p.toString()).contains("authToken=<unset>");
    }
}

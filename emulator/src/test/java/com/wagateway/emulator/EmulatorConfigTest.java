package com.wagateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wagateway.emulator.protocol.ClientVersion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmulatorConfigTest {

    @Test
    void environmentDefaultsAreThePortAndFolderTheIssueNames() {
        EmulatorConfig config = EmulatorConfig.fromEnvironment(Map.of());
        assertThat(config.port()).isEqualTo(8090);
        assertThat(config.dataDir()).isEqualTo(Path.of("./data/emulator"));
        assertThat(config.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(config.refCount()).isEqualTo(6);
        assertThat(config.minClientVersion()).isNull();
    }

    @Test
    void environmentOverrides() {
        EmulatorConfig config = EmulatorConfig.fromEnvironment(Map.of("EMULATOR_PORT", "9000", "EMULATOR_DATA", "/tmp/x",
                "EMULATOR_MIN_CLIENT_VERSION", "2.3000.5"));
        assertThat(config.port()).isEqualTo(9000);
        assertThat(config.dataDir()).isEqualTo(Path.of("/tmp/x"));
        assertThat(config.minClientVersion()).isEqualTo(new ClientVersion(2, 3000, 5));
        assertThatThrownBy(() -> EmulatorConfig.fromEnvironment(Map.of("EMULATOR_PORT", "http")))
                .hasMessageContaining("EMULATOR_PORT");
        assertThatThrownBy(() -> EmulatorConfig.fromEnvironment(Map.of("EMULATOR_PORT", "70000")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theMediaPortDefaultsTo8091AndIsEphemeralWithAnEphemeralMainPort() {
        EmulatorConfig defaults = EmulatorConfig.fromEnvironment(Map.of());
        assertThat(defaults.mediaPort()).isEqualTo(8091);
        assertThat(defaults.maxMediaBytes()).isEqualTo(100L * 1024 * 1024);
        assertThat(EmulatorConfig.fromEnvironment(Map.of("EMULATOR_PORT", "0")).mediaPort()).isZero();
        EmulatorConfig set = EmulatorConfig.fromEnvironment(Map.of("EMULATOR_PORT", "0", "EMULATOR_MEDIA_PORT", "9443",
                "EMULATOR_MEDIA_MAX_BYTES", "1000"));
        assertThat(set.mediaPort()).isEqualTo(9443);
        assertThat(set.maxMediaBytes()).isEqualTo(1000);
        assertThat(EmulatorConfig.defaults(Path.of("x")).withMediaPort(7000).withPort(0).mediaPort()).isEqualTo(7000);
        assertThatThrownBy(() -> EmulatorConfig.fromEnvironment(Map.of("EMULATOR_MEDIA_PORT", "x")))
                .hasMessageContaining("EMULATOR_MEDIA_PORT");
        assertThatThrownBy(() -> EmulatorConfig.fromEnvironment(Map.of("EMULATOR_MEDIA_MAX_BYTES", "0")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refIStopsAtTheFirstLifetimePlusIRotations() {
        EmulatorConfig config = EmulatorConfig.defaults(Path.of("x"));
        assertThat(config.refLifetime(0)).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.refLifetime(1)).isEqualTo(Duration.ofSeconds(80));
        assertThat(config.refLifetime(5)).isEqualTo(Duration.ofSeconds(160)); // whatsmeow: 6 refs, 160 s
    }

    @Test
    void clientVersionsCompareNumerically() {
        assertThat(ClientVersion.parse("2.3000.1043857760")).isGreaterThan(ClientVersion.parse("2.3000.999999999"));
        assertThat(ClientVersion.parse("2.10.0")).isGreaterThan(ClientVersion.parse("2.9.9"));
        assertThat(ClientVersion.parse("2.3000.4294967295").tertiary()).isEqualTo(4294967295L);
        assertThatThrownBy(() -> ClientVersion.parse("2.3000")).isInstanceOf(IllegalArgumentException.class);
    }
}

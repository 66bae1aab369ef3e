package com.wagateway.worker.waclient;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WhatsAppClientConfigTest {

    @Test
    void clientThreadsOutsideTheRangeStopTheWorkerWithTheSettingsName() {
        WhatsAppClientConfig config = new WhatsAppClientConfig();
        assertThatThrownBy(() -> config.whatsAppClientRuntime(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("WA_CLIENT_THREADS");
        assertThatThrownBy(() -> config.whatsAppClientRuntime(WhatsAppClientConfig.MAX_CLIENT_THREADS + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..1024");
    }

    @Test
    void zeroAndTheMaximumAreAccepted() {
        WhatsAppClientConfig config = new WhatsAppClientConfig();
        config.whatsAppClientRuntime(0).close();
        config.whatsAppClientRuntime(WhatsAppClientConfig.MAX_CLIENT_THREADS).close();
    }
}

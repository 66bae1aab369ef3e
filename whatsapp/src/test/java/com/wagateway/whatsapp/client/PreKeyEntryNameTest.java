package com.wagateway.whatsapp.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.wagateway.whatsapp.auth.CredentialSignalStore;
import org.junit.jupiter.api.Test;

/** The Signal store reads the one-time prekeys from the entry the client's upload writes. */
class PreKeyEntryNameTest {

    @Test
    void signalStoreAndUploaderUseTheSameEntry() {
        assertThat(CredentialSignalStore.PREKEYS).isEqualTo(CredentialsKeeper.PREKEYS);
    }
}

package com.wagateway.whatsapp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wagateway.whatsapp.crypto.VectorFile;
import com.wagateway.whatsapp.jid.Jid;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** ClientPayloads reproduce Baileys' generateRegistrationNode/generateLoginNode bytes (vectors/proto.json). */
class ClientPayloadsTest {

    private final JsonNode vectors = VectorFile.read("proto.json").get("clientPayload");

    @Test
    void registrationPayloadMatchesTheReferenceByteForByte() {
        byte[] payload = ClientPayloads.registration(FixedCreds.creds(), AppVersion.DEFAULT, Browser.DEFAULT, null,
                "US");
        assertThat(VectorFile.hex(payload)).isEqualTo(vectors.get("registration").asString());
        assertThat(VectorFile.hex(ClientPayloads.deviceProps(Browser.DEFAULT).toByteArray()))
                .isEqualTo(vectors.get("registrationDeviceProps").asString());
    }

    @Test
    void loginPayloadsMatchTheReferenceByteForByte() {
        byte[] login = ClientPayloads.login(Jid.parse("15551234567:7@s.whatsapp.net"), AppVersion.DEFAULT,
                Browser.DEFAULT, null, "US");
        assertThat(VectorFile.hex(login)).isEqualTo(vectors.get("login").asString());
        byte[] withName = ClientPayloads.login(Jid.parse("15551234567:12@s.whatsapp.net"), AppVersion.DEFAULT,
                Browser.DEFAULT, "Gateway", "DE");
        assertThat(VectorFile.hex(withName)).isEqualTo(vectors.get("loginWithPushName").asString());
    }

    @Test
    void buildHashIsMd5OfTheDottedVersion() {
        assertThat(Base64.getEncoder().encodeToString(ClientPayloads.buildHash(AppVersion.DEFAULT)))
                .isEqualTo("9vZcBgehzf/YdSsFH8le3w==");
    }

    @Test
    void loginRefusesALidJid() {
        assertThatThrownBy(() -> ClientPayloads.login(Jid.parse("abc:1@lid"), AppVersion.DEFAULT, Browser.DEFAULT,
                null, "US")).isInstanceOf(IllegalArgumentException.class);
    }
}

package com.wagateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Status codes and shapes of the admin API (docs/emulator.md). */
class AdminApiTest {

    @RegisterExtension
    static final EmulatorFixture server = new EmulatorFixture();

    @Test
    void phonesAreCreatedOnceListedAndFetched() {
        AdminClient.Reply created = server.admin().createPhone("+6281111111111");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().path("phoneNumber").asString()).isEqualTo("6281111111111");
        assertThat(created.body().path("jid").asString()).isEqualTo("6281111111111@s.whatsapp.net");
        assertThat(created.body().path("lid").asString()).matches("\\d{15}@lid");
        assertThat(created.body().path("identityKey").asString()).hasSize(44);
        assertThat(created.body().path("registrationId").asInt()).isBetween(1, 0x3fff);
        assertThat(created.body().path("devices").isArray()).isTrue();

        assertThat(server.admin().createPhone("6281111111111").status()).isEqualTo(409);
        assertThat(server.admin().get("phones/6281111111111").body()).isEqualTo(created.body());
        assertThat(server.admin().get("phones").body().findValuesAsString("phoneNumber")).contains("6281111111111");
        assertThat(server.admin().get("phones/6281111111112").status()).isEqualTo(404);
    }

    @Test
    void badRequestsAreJsonErrorsWithTheRightStatus() {
        assertThat(server.admin().createPhone("12").status()).isEqualTo(400);
        assertThat(server.admin().post("phones", "{\"phoneNumber\":").status()).isEqualTo(400);
        assertThat(server.admin().post("phones", "[1]").status()).isEqualTo(400);
        assertThat(server.admin().post("phones", "").status()).isEqualTo(400);
        assertThat(server.admin().post("phones", "{\"phoneNumber\":6281}").error()).contains("string");
        AdminClient.Reply unknown = server.admin().get("nothing/here");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error()).isNotBlank();
        assertThat(server.admin().delete("phones").status()).isEqualTo(405);
        // repeated: the 413 must not be lost to a connection reset while the client is still sending the body
        for (int i = 0; i < 100; i++) {
            assertThat(server.admin().post("phones", "{\"phoneNumber\":\"" + "1".repeat(70_000 + i * 500) + "\"}")
                    .status()).isEqualTo(413);
        }
        assertThat(server.admin().get("phones/6281111111119/link").status()).isEqualTo(405);
        String phone = server.newPhone();
        assertThat(server.admin().post("phones/" + phone + "/link", "{}").status()).isEqualTo(400);
        assertThat(server.admin().unlink(phone, "1").status()).isEqualTo(404);
        assertThat(server.admin().unlink(phone, "0").status()).isEqualTo(400);
        assertThat(server.admin().unlink(phone, "6200000000000:1@s.whatsapp.net").status()).isEqualTo(404);
        assertThat(server.admin().unlink("6281111111118", "1").status()).isEqualTo(404);
    }

    @Test
    void serverInfoNamesTheWorkerSettings() {
        AdminClient.Reply info = server.admin().get("server");
        assertThat(info.status()).isEqualTo(200);
        assertThat(info.body().path("wsUrl").asString()).isEqualTo(server.emulator().wsUrl().toString());
        assertThat(info.body().path("rootPublicKey").asString()).isEqualTo(server.emulator().rootPublicKeyBase64());
        assertThat(server.emulator().workerSettings()).isEqualTo("WA_SERVER_URL=ws://127.0.0.1:" + server.emulator().port()
                + "/ws/chat" + System.lineSeparator() + "WA_SERVER_ROOT_KEY=" + server.emulator().rootPublicKeyBase64()
                + System.lineSeparator() + "WA_MEDIA_TRUST_CERT=" + server.emulator().mediaCertificatePath());
        assertThat(server.emulator().rootPublicKey()).hasSize(32);
    }
}

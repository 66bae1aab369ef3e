package com.wagateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Status codes and shapes of the admin API (docs/emulator.md). */
class AdminApiTest {

    @TempDir
    static Path data;
    static Emulator emulator;
    static AdminClient admin;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorConfig.defaults(data).withPort(0));
        admin = new AdminClient(emulator.adminUrl());
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void phonesAreCreatedOnceListedAndFetched() {
        AdminClient.Reply created = admin.createPhone("+6281111111111");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().path("phoneNumber").asString()).isEqualTo("6281111111111");
        assertThat(created.body().path("jid").asString()).isEqualTo("6281111111111@s.whatsapp.net");
        assertThat(created.body().path("lid").asString()).matches("\\d{15}@lid");
        assertThat(created.body().path("identityKey").asString()).hasSize(44);
        assertThat(created.body().path("registrationId").asInt()).isBetween(1, 0x3fff);
        assertThat(created.body().path("devices").isArray()).isTrue();

        assertThat(admin.createPhone("6281111111111").status()).isEqualTo(409);
        assertThat(admin.get("phones/6281111111111").body()).isEqualTo(created.body());
        assertThat(admin.get("phones").body().findValuesAsString("phoneNumber")).contains("6281111111111");
        assertThat(admin.get("phones/6281111111112").status()).isEqualTo(404);
    }

    @Test
    void badRequestsAreJsonErrorsWithTheRightStatus() {
        assertThat(admin.createPhone("12").status()).isEqualTo(400);
        assertThat(admin.post("phones", "{\"phoneNumber\":").status()).isEqualTo(400);
        assertThat(admin.post("phones", "[1]").status()).isEqualTo(400);
        assertThat(admin.post("phones", "").status()).isEqualTo(400);
        assertThat(admin.post("phones", "{\"phoneNumber\":6281}").error()).contains("string");
        AdminClient.Reply unknown = admin.get("nothing/here");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error()).isNotBlank();
        assertThat(admin.delete("phones").status()).isEqualTo(405);
        assertThat(admin.post("phones", "{\"phoneNumber\":\"" + "1".repeat(70_000) + "\"}").status()).isEqualTo(413);
        assertThat(admin.get("phones/6281111111119/link").status()).isEqualTo(405);
        String phone = Pairings.newPhone(admin);
        assertThat(admin.post("phones/" + phone + "/link", "{}").status()).isEqualTo(400);
        assertThat(admin.unlink(phone, "1").status()).isEqualTo(404);
        assertThat(admin.unlink(phone, "0").status()).isEqualTo(400);
        assertThat(admin.unlink(phone, "6200000000000:1@s.whatsapp.net").status()).isEqualTo(404);
        assertThat(admin.unlink("6281111111118", "1").status()).isEqualTo(404);
    }

    @Test
    void serverInfoNamesTheWorkerSettings() {
        AdminClient.Reply info = admin.get("server");
        assertThat(info.status()).isEqualTo(200);
        assertThat(info.body().path("wsUrl").asString()).isEqualTo(emulator.wsUrl().toString());
        assertThat(info.body().path("rootPublicKey").asString()).isEqualTo(emulator.rootPublicKeyBase64());
        assertThat(emulator.workerSettings()).isEqualTo("WA_SERVER_URL=ws://127.0.0.1:" + emulator.port()
                + "/ws/chat" + System.lineSeparator() + "WA_SERVER_ROOT_KEY=" + emulator.rootPublicKeyBase64());
        assertThat(emulator.rootPublicKey()).hasSize(32);
    }
}

package com.wagateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.proto.MessageProtos.Message;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data folder keeps the keys, phones, devices and pre-keys across restarts. */
class RestartTest {

    @TempDir
    Path data;

    @Test
    void aRestartedEmulatorKeepsItsRootKeyPhonesAndDevices() throws Exception {
        byte[] root;
        Pairings.Paired paired;
        String phoneBefore;
        Message.AppStateSyncKey keyBefore;
        try (Emulator first = Emulator.start(EmulatorConfig.defaults(data).withPort(0))) {
            assertThat(first.keysCreated()).isTrue();
            root = first.rootPublicKey();
            AdminClient admin = new AdminClient(first.adminUrl());
            paired = Pairings.pairByQr(first, admin, Pairings.newPhone(admin));
            TestCompanion.Conn conn = Pairings.login(first, paired);
            keyBefore = Pairings.keyShare(paired, conn).getKeys(0);
            Node key = Node.of("key", Attributes.empty(), List.of(
                    Node.of("id", Attributes.empty(), new byte[] {0, 0, 1}),
                    Node.of("value", Attributes.empty(), new byte[32])));
            conn.iq("encrypt", "set", Node.of("list", Attributes.empty(), List.of(key)));
            phoneBefore = admin.get("phones/" + paired.phoneNumber()).body().toString();
            conn.close();
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("server-keys.json"))))
                .isEqualTo("rw-------");
        assertThat(Files.exists(data.resolve("prekeys").resolve(paired.phoneNumber()).resolve(paired.deviceId() + ".json"))).isTrue();
        assertThat(Files.exists(data.resolve("queues").resolve(paired.phoneNumber()).resolve(paired.deviceId() + ".json"))).isTrue();

        try (Emulator second = Emulator.start(EmulatorConfig.defaults(data).withPort(0))) {
            assertThat(second.keysCreated()).isFalse();
            assertThat(second.rootPublicKey()).isEqualTo(root);
            AdminClient admin = new AdminClient(second.adminUrl());
            String phoneAfter = admin.get("phones/" + paired.phoneNumber()).body().toString();
            assertThat(phoneAfter).isEqualTo(phoneBefore.replace("\"connected\":true", "\"connected\":false"));
            assertThat(phoneAfter).contains("\"preKeyCount\":1");
            TestCompanion.Conn conn = Pairings.login(second, paired);
            conn.close();
            // device numbers are never reused after a restart either
            Pairings.Paired next = Pairings.pairByQr(second, admin, paired.phoneNumber());
            assertThat(next.deviceId()).isGreaterThan(paired.deviceId());
            // the account's app-state key survived: a device linked after the restart gets the same one
            TestCompanion.Conn nextConn = Pairings.login(second, next);
            var keyAfter = Pairings.keyShare(next, nextConn).getKeys(0);
            assertThat(keyAfter.getKeyId()).isEqualTo(keyBefore.getKeyId());
            assertThat(keyAfter.getKeyData().getKeyData()).isEqualTo(keyBefore.getKeyData().getKeyData());
            nextConn.close();
        }
    }

    @Test
    void aTakenPortFailsTheStartWithAClearError(@TempDir Path other) {
        try (Emulator first = Emulator.start(EmulatorConfig.defaults(data).withPort(0))) {
            assertThatThrownBy(() -> Emulator.start(EmulatorConfig.defaults(other).withPort(first.port())))
                    .isInstanceOf(Emulator.EmulatorStartException.class)
                    .hasMessageContaining(Integer.toString(first.port()));
        }
    }

    @Test
    void theMediaCertificateAndStoredBlobsSurviveARestart() throws Exception {
        String pem;
        String phoneA;
        String phoneB;
        String directPath;
        try (Emulator first = Emulator.start(EmulatorConfig.defaults(data).withPort(0))) {
            pem = first.mediaCertificatePem();
            assertThat(first.mediaCertificatePath()).isEqualTo(data.resolve("media-tls").resolve("certificate.pem")
                    .toAbsolutePath());
            AdminClient admin = new AdminClient(first.adminUrl());
            phoneA = Pairings.newPhone(admin);
            phoneB = Pairings.newPhone(admin);
            AdminClient.Reply sent = admin.post("phones/" + phoneA + "/messages", "{\"to\":\"" + phoneB
                    + "\",\"type\":\"image\",\"base64\":\"aGVsbG8gaW1hZ2U=\"}");
            assertThat(sent.status()).isEqualTo(200);
            directPath = admin.awaitMessages(phoneB, b -> b.path("messages").size() == 1)
                    .path("messages").get(0).path("media").path("directPath").asString();
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                data.resolve("media-tls").resolve("private-key.pem")))).isEqualTo("rw-------");
        try (Emulator second = Emulator.start(EmulatorConfig.defaults(data).withPort(0))) {
            assertThat(second.mediaCertificatePem()).isEqualTo(pem);
            // a client configured with the PEM file before the restart still connects, and the blob is still served
            MediaHttp http = new MediaHttp(second.mediaCertificatePath());
            var response = http.get(java.net.URI.create("https://" + second.mediaHosts().get(1) + directPath));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body().length).isEqualTo(16 + 10); // 11 bytes padded to one AES block, plus the MAC
        }
    }
}

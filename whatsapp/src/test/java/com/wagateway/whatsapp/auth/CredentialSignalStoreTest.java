package com.wagateway.whatsapp.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.crypto.FixedRandom;
import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.whatsapp.signal.GroupCipher;
import com.wagateway.whatsapp.signal.InMemorySignalStore;
import com.wagateway.whatsapp.signal.SenderKeyName;
import com.wagateway.whatsapp.signal.SignalAddress;
import com.wagateway.whatsapp.signal.SignalStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialSignalStoreTest {

    @TempDir
    Path dir;

    private final Credentials creds = Credentials.generate(new FixedRandom("signal store creds"));
    private final SignalAddress bob = SignalAddress.of(Jid.parse("987654321:3@lid"));

    @Test
    void ownKeysComeFromTheCredentials() {
        CredentialSignalStore store = new CredentialSignalStore(new FileCredentialStore(dir), () -> creds);
        assertThat(store.identityKeyPair()).isEqualTo(creds.identityKey());
        assertThat(store.localRegistrationId()).isEqualTo(creds.registrationId());
        var signed = store.loadSignedPreKey(creds.signedPreKeyId()).orElseThrow();
        assertThat(signed.keyPair()).isEqualTo(creds.signedPreKey());
        assertThat(signed.signature()).isEqualTo(creds.signedPreKeySignature());
        assertThat(store.loadSignedPreKey(creds.signedPreKeyId() + 1)).isEmpty();
    }

    @Test
    void oneTimePreKeysAreReadByIdAndRemovedFromTheEntry() throws IOException {
        FileCredentialStore files = new FileCredentialStore(dir);
        CredentialSignalStore store = new CredentialSignalStore(files, () -> creds);
        assertThat(store.loadPreKey(1)).isEmpty();
        store.removePreKey(1); // nothing to remove: no entry written
        assertThat(files.writes.get()).isZero();

        List<PreKey> keys = OneTimePreKeys.generate(1, 30, new FixedRandom("prekeys"));
        files.write(CredentialSignalStore.PREKEYS, OneTimePreKeys.encode(keys));
        assertThat(store.loadPreKey(17)).contains(keys.get(16).keyPair());
        store.removePreKey(17);
        store.removePreKey(99);

        CredentialSignalStore restarted = new CredentialSignalStore(new FileCredentialStore(dir), () -> creds);
        assertThat(restarted.loadPreKey(17)).isEmpty();
        assertThat(restarted.loadPreKey(16)).contains(keys.get(15).keyPair());
        assertThat(OneTimePreKeys.decode(files.read(CredentialSignalStore.PREKEYS).orElseThrow())).hasSize(29);

        files.write(CredentialSignalStore.PREKEYS, new byte[] {(byte) 0xff, 0x01});
        assertThatThrownBy(() -> store.loadPreKey(1)).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void sessionsIdentitiesAndSenderKeysPersistInTheirOwnEntries() throws IOException {
        CredentialSignalStore store = new CredentialSignalStore(new FileCredentialStore(dir), () -> creds);
        SenderKeyName senderKey = new SenderKeyName("120363000000000001@g.us", bob);
        store.storeSession(bob, bytes("session"));
        store.saveIdentity(bob, bytes("identity"));
        store.storeSenderKey(senderKey, bytes("sender key"));

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "session-987654321_1.3", "identity-987654321_1.3", "senderkey-120363000000000001-40g-2Eus.987654321_1.3");
        }
        CredentialSignalStore restarted = new CredentialSignalStore(new FileCredentialStore(dir), () -> creds);
        assertThat(restarted.loadSession(bob)).contains(bytes("session"));
        assertThat(restarted.loadIdentity(bob)).contains(bytes("identity"));
        assertThat(restarted.loadSenderKey(senderKey)).contains(bytes("sender key"));
        assertThat(restarted.loadSession(new SignalAddress("987654321", 3))).isEmpty(); // the PN address is another entry

        restarted.deleteSession(bob);
        assertThat(restarted.loadSession(bob)).isEmpty();
        assertThat(new CredentialSignalStore(new FileCredentialStore(dir), () -> creds).loadSession(bob)).isEmpty();
    }

    @Test
    void nothingIsReadUntilUsedAndTheCacheIsSmallAndBounded() {
        FileCredentialStore files = new FileCredentialStore(dir);
        CredentialSignalStore store = new CredentialSignalStore(files, () -> creds);
        assertThat(files.reads.get()).isZero();
        assertThat(store.cachedEntryCount()).isZero();

        store.storeSession(bob, bytes("v1"));
        assertThat(store.loadSession(bob)).contains(bytes("v1"));
        assertThat(files.reads.get()).as("a record just written is served from the cache").isZero();

        for (int i = 0; i < 100; i++) {
            store.storeSession(new SignalAddress("user" + i, 0), new byte[100]);
        }
        assertThat(store.cachedEntryCount()).isLessThanOrEqualTo(CredentialSignalStore.DEFAULT_CACHE_ENTRIES);
        store.storeSession(new SignalAddress("big", 0), new byte[CredentialSignalStore.DEFAULT_CACHE_BYTES + 1]);
        assertThat(store.loadSession(bob)).contains(bytes("v1"));
        assertThat(files.reads.get()).isEqualTo(1);
        store.clearCache();
        assertThat(store.cachedEntryCount()).isZero();

        // Callers cannot change a cached record through the array they got or gave.
        byte[] given = bytes("v2");
        store.storeSession(bob, given);
        given[0] = 'X';
        store.loadSession(bob).orElseThrow()[1] = 'Y';
        assertThat(store.loadSession(bob)).contains(bytes("v2"));
    }

    @Test
    void storeFailuresAreUncheckedAndLeaveNoUnstoredRecordCached() {
        FileCredentialStore files = new FileCredentialStore(dir);
        CredentialSignalStore store = new CredentialSignalStore(files, () -> creds);
        store.storeSession(bob, bytes("stored"));
        files.failing = true;
        assertThatThrownBy(() -> store.storeSession(bob, bytes("not stored"))).isInstanceOf(UncheckedIOException.class);
        assertThatThrownBy(() -> store.loadIdentity(bob)).isInstanceOf(UncheckedIOException.class);
        assertThatThrownBy(() -> store.deleteSession(bob)).isInstanceOf(UncheckedIOException.class);
        files.failing = false;
        assertThat(store.loadSession(bob)).contains(bytes("stored"));
    }

    @Test
    void aGroupConversationSurvivesARestartOfTheReceiver() throws Exception {
        SignalStore sender = new InMemorySignalStore(Curve25519.generateKeyPair(new FixedRandom("sender")), 5);
        SenderKeyName name = new SenderKeyName("120363000000000009@g.us", new SignalAddress("111_1", 0));
        byte[] skdm = GroupCipher.distributionMessage(sender, name, new FixedRandom("skdm"));

        CredentialSignalStore receiver = new CredentialSignalStore(new FileCredentialStore(dir), () -> creds);
        GroupCipher.processDistributionMessage(receiver, name, skdm);
        for (int i = 0; i < 300; i++) {
            if (i % 50 == 0) {
                receiver = new CredentialSignalStore(new FileCredentialStore(dir), () -> creds); // worker restart
            }
            byte[] skmsg = GroupCipher.encrypt(sender, name, bytes("message " + i));
            assertThat(GroupCipher.decrypt(receiver, name, skmsg, 2000)).isEqualTo(bytes("message " + i));
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

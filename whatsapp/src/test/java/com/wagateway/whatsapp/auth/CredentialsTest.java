package com.wagateway.whatsapp.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wagateway.whatsapp.crypto.FixedRandom;
import com.wagateway.whatsapp.crypto.RandomSource;
import com.wagateway.whatsapp.crypto.XEdDsa;
import com.wagateway.whatsapp.jid.Jid;
import java.util.List;
import org.junit.jupiter.api.Test;

class CredentialsTest {

    @Test
    void generatedCredentialsAreLikeInitAuthCreds() {
        Credentials c = Credentials.generate(RandomSource.secure());
        assertThat(c.registrationId()).isBetween(0, 0x3fff);
        assertThat(c.signedPreKeyId()).isEqualTo(1);
        assertThat(c.nextPreKeyId()).isEqualTo(1);
        assertThat(c.firstUnuploadedPreKeyId()).isEqualTo(1);
        assertThat(c.isPaired()).isFalse();
        assertThat(c.advSecret()).hasSize(32);
        assertThat(XEdDsa.verify(c.identityKey().publicKey(), c.signedPreKey().typedPublicKey(),
                c.signedPreKeySignature())).isTrue();
        assertThat(Credentials.generate(RandomSource.secure()).noiseKey()).isNotEqualTo(c.noiseKey());
    }

    @Test
    void encodeDecodeRoundTripsUnpairedAndPaired() throws Exception {
        Credentials fresh = Credentials.generate(new FixedRandom("creds"));
        assertThat(Credentials.decode(fresh.encode())).isEqualTo(fresh);
        Credentials paired = fresh.withPairing(Jid.parse("15551234567:7@s.whatsapp.net"), Jid.parse("98765:7@lid"),
                        new byte[] {1, 2, 3}, "android", new byte[32], "Biz")
                .withPreKeyIds(813, 813).withRoutingInfo(new byte[] {9, 9}).withAdvSecret(new byte[32]);
        Credentials back = Credentials.decode(paired.encode());
        assertThat(back).isEqualTo(paired);
        assertThat(back.me().device()).isEqualTo(7);
        assertThat(back.meLid()).isEqualTo(Jid.parse("98765:7@lid"));
        assertThat(back.platform()).isEqualTo("android");
        assertThat(back.nextPreKeyId()).isEqualTo(813);
        assertThat(back.toString()).doesNotContain("privateKey");
    }

    @Test
    void corruptOrForeignBytesAreRefusedWithAFormatError() {
        assertThatThrownBy(() -> Credentials.decode(new byte[] {(byte) 0xff, 1, 2}))
                .isInstanceOf(CredentialsFormatException.class);
        assertThatThrownBy(() -> Credentials.decode(new byte[0])).isInstanceOf(CredentialsFormatException.class)
                .hasMessageContaining("version");
        byte[] noKeys = com.wagateway.whatsapp.proto.AuthProtos.StoredCredentials.newBuilder().setVersion(1).build()
                .toByteArray();
        assertThatThrownBy(() -> Credentials.decode(noKeys)).isInstanceOf(CredentialsFormatException.class);
    }

    @Test
    void preKeysAppendDecodeAndRemove() throws Exception {
        List<PreKey> first = OneTimePreKeys.generate(1, 3, new FixedRandom("pk1"));
        List<PreKey> second = OneTimePreKeys.generate(4, 2, new FixedRandom("pk2"));
        byte[] entry = OneTimePreKeys.append(OneTimePreKeys.append(null, first), second);
        List<PreKey> all = OneTimePreKeys.decode(entry);
        assertThat(all).extracting(PreKey::id).containsExactly(1, 2, 3, 4, 5);
        assertThat(all.get(3).keyPair()).isEqualTo(second.get(0).keyPair());
        assertThat(OneTimePreKeys.contains(entry, 5)).isTrue();
        assertThat(OneTimePreKeys.contains(entry, 6)).isFalse();
        List<PreKey> left = OneTimePreKeys.decode(OneTimePreKeys.without(entry, id -> id == 2));
        assertThat(left).extracting(PreKey::id).containsExactly(1, 3, 4, 5);
        assertThatThrownBy(() -> OneTimePreKeys.generate(PreKey.MAX_ID, 2, new FixedRandom("x")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

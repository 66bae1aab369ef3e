package com.wagateway.whatsapp.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Curve25519Test {

    @Test
    void diffieHellmanAgreesBothWaysAndAcceptsTypedKeys() throws CryptoException {
        RandomSource random = new FixedRandom("dh");
        Curve25519KeyPair a = Curve25519.generateKeyPair(random);
        Curve25519KeyPair b = Curve25519.generateKeyPair(random);
        byte[] ab = Curve25519.sharedSecret(a.privateKey(), b.publicKey());
        assertThat(ab).isEqualTo(Curve25519.sharedSecret(b.privateKey(), a.publicKey()));
        assertThat(ab).isEqualTo(Curve25519.sharedSecret(b.privateKey(), a.typedPublicKey()));
        assertThat(a.typedPublicKey()).hasSize(33).startsWith(0x05);
    }

    @Test
    void lowOrderAndMalformedPeerKeysAreRejected() {
        byte[] priv = new FixedRandom("x").bytes(32);
        assertThatThrownBy(() -> Curve25519.sharedSecret(priv, new byte[32])).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> Curve25519.sharedSecret(priv, new byte[31])).isInstanceOf(CryptoException.class);
        byte[] wrongType = new byte[33];
        wrongType[0] = 0x06;
        assertThatThrownBy(() -> Curve25519.sharedSecret(priv, wrongType)).isInstanceOf(CryptoException.class);
    }

    @Test
    void toStringNeverShowsThePrivateKey() {
        Curve25519KeyPair pair = Curve25519.generateKeyPair(new FixedRandom("s"));
        assertThat(pair.toString()).doesNotContain(VectorFile.hex(pair.privateKey()));
    }
}

package com.wagateway.whatsapp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wagateway.whatsapp.auth.Credentials;
import com.wagateway.whatsapp.crypto.AesGcm;
import com.wagateway.whatsapp.crypto.CryptoException;
import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.crypto.Curve25519KeyPair;
import com.wagateway.whatsapp.crypto.FixedRandom;
import com.wagateway.whatsapp.crypto.Hkdf;
import com.wagateway.whatsapp.crypto.PairingCodeCrypto;
import com.wagateway.whatsapp.crypto.RandomSource;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Both halves of §7 agree: the phone half here is written from the fact sheet, independent of CodePairing. */
class CodePairingTest {

    @Test
    void codesAreEightCrockfordCharactersShownWithADash() {
        String code = CodePairing.newCode(RandomSource.secure());
        assertThat(code).hasSize(8).matches("[" + PairingCodeCrypto.ALPHABET + "]{8}");
        assertThat(CodePairing.display("ABCD1234")).isEqualTo("ABCD-1234");
    }

    @Test
    void wrapIsSaltIvAndCtrUnderThePbkdf2Key() throws Exception {
        byte[] pub = new FixedRandom("pub").bytes(32);
        byte[] wrapped = CodePairing.wrap("ABCD1234", pub, new FixedRandom("w"));
        assertThat(wrapped).hasSize(80);
        byte[] key = PairingCodeCrypto.deriveCodeKey("ABCD1234", Arrays.copyOfRange(wrapped, 0, 32));
        assertThat(CodePairing.ctr(key, Arrays.copyOfRange(wrapped, 32, 48), Arrays.copyOfRange(wrapped, 48, 80)))
                .isEqualTo(pub);
        assertThat(CodePairing.unwrap("ABCD1234", wrapped)).isEqualTo(pub);
        assertThat(CodePairing.unwrap("ABCD1235", wrapped)).isNotEqualTo(pub);
        assertThatThrownBy(() -> CodePairing.unwrap("ABCD1234", new byte[79])).isInstanceOf(CryptoException.class);
    }

    @Test
    void phoneAndCompanionDeriveTheSameAdvSecret() throws Exception {
        Credentials companion = FixedCreds.creds();
        Curve25519KeyPair phoneIdentity = Curve25519.generateKeyPair(new FixedRandom("phone-id"));
        Curve25519KeyPair phoneEphemeral = Curve25519.generateKeyPair(new FixedRandom("phone-eph"));

        CodePairing.Finish finish = CodePairing.finish(companion, phoneIdentity.publicKey(), phoneEphemeral.publicKey(),
                new FixedRandom("finish"));
        byte[] bundle = finish.wrappedKeyBundle();
        assertThat(bundle).hasSize(156);

        // phone side (§7 step 7)
        byte[] ephShared = Curve25519.sharedSecret(phoneEphemeral.privateKey(), companion.pairingEphemeralKey().publicKey());
        byte[] bundleKey = Hkdf.derive(ephShared, Arrays.copyOfRange(bundle, 0, 32),
                "link_code_pairing_key_bundle_encryption_key", 32);
        byte[] plain = AesGcm.decrypt(bundleKey, Arrays.copyOfRange(bundle, 32, 44), new byte[0],
                Arrays.copyOfRange(bundle, 44, 156));
        assertThat(Arrays.copyOfRange(plain, 0, 32)).isEqualTo(companion.identityKey().publicKey());
        assertThat(Arrays.copyOfRange(plain, 32, 64)).isEqualTo(phoneIdentity.publicKey());
        byte[] identityShared = Curve25519.sharedSecret(phoneIdentity.privateKey(), companion.identityKey().publicKey());
        byte[] adv = Hkdf.derive(CodePairing.concat(ephShared, identityShared, Arrays.copyOfRange(plain, 64, 96)),
                null, "adv_secret", 32);
        assertThat(finish.advSecret()).isEqualTo(adv);
    }
}

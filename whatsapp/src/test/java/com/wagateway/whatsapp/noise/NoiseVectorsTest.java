package com.wagateway.whatsapp.noise;

import static com.wagateway.whatsapp.crypto.VectorFile.hex;
import static org.assertj.core.api.Assertions.assertThat;

import com.wagateway.whatsapp.crypto.CryptoException;
import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.crypto.Curve25519KeyPair;
import com.wagateway.whatsapp.crypto.VectorFile;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Both roles against vectors/noise.json: Baileys' makeNoiseHandler as client and an independent node
 * responder as server, fixed keys. Every handshake message and 100 frames each way must match byte
 * for byte.
 */
class NoiseVectorsTest {

    static final Clock VECTOR_TIME = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private final JsonNode handshakes = VectorFile.read("noise.json").get("handshakes");

    @Test
    void javaInitiatorReproducesBaileysClientByteForByte() throws Exception {
        assertThat(handshakes.size()).isEqualTo(2);
        for (JsonNode v : handshakes) {
            JsonNode keys = v.get("keys");
            NoiseInitiator initiator = new NoiseInitiator(
                    pair(keys, "clientStatic"), pair(keys, "clientEphemeral"), hex(v.get("prologue")),
                    new CertChainVerifier(TrustRoot.of(hex(keys.get("rootPublic"))), VECTOR_TIME));

            assertThat(hex(initiator.clientHello())).isEqualTo(v.get("clientHello").asString());
            VerifiedServerCertificate certificate = initiator.readServerHello(hex(v.get("serverHello")));
            assertThat(certificate.leafSerial()).isEqualTo(2);
            assertThat(certificate.intermediateSerial()).isEqualTo(1);
            assertThat(hex(initiator.clientFinish(hex(v.get("clientPayload"))))).isEqualTo(v.get("clientFinish").asString());

            TransportCipher transport = initiator.transport();
            for (JsonNode frame : v.get("clientToServer")) {
                assertThat(hex(transport.encrypt(hex(frame.get("plaintext"))))).isEqualTo(frame.get("ciphertext").asString());
            }
            for (JsonNode frame : v.get("serverToClient")) {
                assertThat(hex(transport.decrypt(hex(frame.get("ciphertext"))))).isEqualTo(frame.get("plaintext").asString());
            }
            assertThat(transport.writeCounter()).isEqualTo(100);
            assertThat(transport.readCounter()).isEqualTo(100);
        }
    }

    @Test
    void javaResponderReproducesTheReferenceServerAndAcceptsBaileysClient() throws Exception {
        for (JsonNode v : handshakes) {
            JsonNode keys = v.get("keys");
            NoiseResponder responder = new NoiseResponder(pair(keys, "serverStatic"), pair(keys, "serverEphemeral"),
                    hex(v.get("certChain")));
            responder.readClientHello(hex(v.get("prologue")), hex(v.get("clientHello")));
            assertThat(hex(responder.serverHello())).isEqualTo(v.get("serverHello").asString());
            ClientAuthentication client = responder.readClientFinish(hex(v.get("clientFinish")));
            assertThat(hex(client.clientStaticKey())).isEqualTo(keys.get("clientStaticPublic").asString());
            assertThat(hex(client.clientPayload())).isEqualTo(v.get("clientPayload").asString());

            TransportCipher transport = responder.transport();
            for (JsonNode frame : v.get("clientToServer")) {
                assertThat(hex(transport.decrypt(hex(frame.get("ciphertext"))))).isEqualTo(frame.get("plaintext").asString());
            }
            for (JsonNode frame : v.get("serverToClient")) {
                assertThat(hex(transport.encrypt(hex(frame.get("plaintext"))))).isEqualTo(frame.get("ciphertext").asString());
            }
        }
    }

    @Test
    void javaChainBuilderSignsExactlyLikeTheReference() {
        JsonNode v = handshakes.get(0);
        JsonNode keys = v.get("keys");
        JsonNode validity = v.get("certValidity");
        byte[] chain = new CertChainBuilder(pair(keys, "root"), pair(keys, "intermediate"))
                .validity(Instant.ofEpochSecond(validity.get("notBefore").asLong()),
                        Instant.ofEpochSecond(validity.get("notAfter").asLong()))
                .build(hex(keys.get("serverStaticPublic")));
        assertThat(hex(chain)).isEqualTo(v.get("certChain").asString());
    }

    @Test
    void aTamperedTransportFrameIsRejected() throws Exception {
        JsonNode v = handshakes.get(0);
        JsonNode keys = v.get("keys");
        NoiseResponder responder = new NoiseResponder(pair(keys, "serverStatic"), pair(keys, "serverEphemeral"), hex(v.get("certChain")));
        responder.readClientHello(hex(v.get("prologue")), hex(v.get("clientHello")));
        responder.serverHello();
        responder.readClientFinish(hex(v.get("clientFinish")));
        byte[] frame = hex(v.get("clientToServer").get(0).get("ciphertext"));
        frame[0] ^= 1;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> responder.transport().decrypt(frame))
                .isInstanceOf(CryptoException.class);
    }

    static Curve25519KeyPair pair(JsonNode keys, String prefix) {
        Curve25519KeyPair pair = Curve25519.fromPrivateKey(hex(keys.get(prefix + "Private")));
        assertThat(hex(pair.publicKey())).isEqualTo(keys.get(prefix + "Public").asString());
        return pair;
    }
}

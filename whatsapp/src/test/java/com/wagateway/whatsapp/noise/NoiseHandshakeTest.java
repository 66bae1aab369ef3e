package com.wagateway.whatsapp.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.crypto.Curve25519KeyPair;
import com.wagateway.whatsapp.crypto.FixedRandom;
import com.wagateway.whatsapp.proto.HandshakeProtos.HandshakeMessage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Java initiator against Java responder: success, wrong trust root, tampering, malformed messages. */
class NoiseHandshakeTest {

    private final FixedRandom random = new FixedRandom("noise-handshake-test");
    private final Curve25519KeyPair root = Curve25519.generateKeyPair(random);
    private final Curve25519KeyPair intermediate = Curve25519.generateKeyPair(random);
    private final Curve25519KeyPair serverStatic = Curve25519.generateKeyPair(random);
    private final Curve25519KeyPair clientStatic = Curve25519.generateKeyPair(random);
    private final byte[] chain = new CertChainBuilder(root, intermediate).build(serverStatic.publicKey());

    @Test
    void bothRolesAgreeAndExchangeFramesBothWays() throws Exception {
        NoiseInitiator client = NoiseInitiator.create(clientStatic, new CertChainVerifier(TrustRoot.of(root.publicKey())), random);
        NoiseResponder server = NoiseResponder.create(serverStatic, chain, random);
        server.readClientHello(NoiseProtocol.waHeader(), client.clientHello());
        client.readServerHello(server.serverHello());
        byte[] payload = "client payload".getBytes(StandardCharsets.UTF_8);
        ClientAuthentication auth = server.readClientFinish(client.clientFinish(payload));
        assertThat(auth.clientStaticKey()).isEqualTo(clientStatic.publicKey());
        assertThat(auth.clientPayload()).isEqualTo(payload);

        for (int i = 0; i < 5; i++) {
            byte[] up = ("up " + i).getBytes(StandardCharsets.UTF_8);
            assertThat(server.transport().decrypt(client.transport().encrypt(up))).isEqualTo(up);
            byte[] down = ("down " + i).getBytes(StandardCharsets.UTF_8);
            assertThat(client.transport().decrypt(server.transport().encrypt(down))).isEqualTo(down);
        }
    }

    @Test
    void aServerWhoseChainIsNotFromTheTrustRootIsRefused() {
        NoiseInitiator client = NoiseInitiator.create(clientStatic, new CertChainVerifier(TrustRoot.WHATSAPP), random);
        NoiseResponder server = NoiseResponder.create(serverStatic, chain, random);
        HandshakeException e = assertThrows(HandshakeException.class, () -> {
            server.readClientHello(NoiseProtocol.waHeader(), client.clientHello());
            client.readServerHello(server.serverHello());
        });
        assertThat(e.error()).isInstanceOf(HandshakeError.BadIntermediateSignature.class);
        assertThrows(IllegalStateException.class, () -> client.clientFinish(new byte[0]));
    }

    @Test
    void aPrologueMismatchFailsDecryptionOfTheServerStatic() throws Exception {
        NoiseInitiator client = NoiseInitiator.create(clientStatic, new CertChainVerifier(TrustRoot.of(root.publicKey())), random);
        NoiseResponder server = NoiseResponder.create(serverStatic, chain, random);
        server.readClientHello(new byte[] {0x57, 0x41, 0x06, 0x02}, client.clientHello());
        HandshakeException e = assertThrows(HandshakeException.class, () -> client.readServerHello(server.serverHello()));
        assertThat(e.error()).isEqualTo(new HandshakeError.DecryptionFailed("serverHello.static"));
    }

    @Test
    void malformedHandshakeMessagesGiveTypedErrors() throws Exception {
        NoiseResponder server = NoiseResponder.create(serverStatic, chain, random);
        HandshakeException garbage = assertThrows(HandshakeException.class,
                () -> server.readClientHello(NoiseProtocol.waHeader(), new byte[] {(byte) 0xff}));
        assertThat(garbage.error()).isInstanceOf(HandshakeError.MalformedMessage.class);

        NoiseResponder second = NoiseResponder.create(serverStatic, chain, random);
        byte[] shortEphemeral = HandshakeMessage.newBuilder().setClientHello(HandshakeMessage.ClientHello.newBuilder()
                .setEphemeral(com.google.protobuf.ByteString.copyFrom(new byte[31]))).build().toByteArray();
        HandshakeException e = assertThrows(HandshakeException.class,
                () -> second.readClientHello(NoiseProtocol.waHeader(), shortEphemeral));
        assertThat(e.error()).isInstanceOf(HandshakeError.MalformedMessage.class);

        NoiseInitiator client = NoiseInitiator.create(clientStatic, new CertChainVerifier(TrustRoot.of(root.publicKey())), random);
        client.clientHello();
        HandshakeException noHello = assertThrows(HandshakeException.class, () -> client.readServerHello(new byte[0]));
        assertThat(noHello.error()).isInstanceOf(HandshakeError.MalformedMessage.class);
    }

    @Test
    void aLowOrderServerEphemeralIsATypedError() throws Exception {
        NoiseInitiator client = NoiseInitiator.create(clientStatic, new CertChainVerifier(TrustRoot.of(root.publicKey())), random);
        client.clientHello();
        byte[] hello = HandshakeMessage.newBuilder().setServerHello(HandshakeMessage.ServerHello.newBuilder()
                .setEphemeral(com.google.protobuf.ByteString.copyFrom(new byte[32]))
                .setStatic(com.google.protobuf.ByteString.copyFrom(new byte[48]))
                .setPayload(com.google.protobuf.ByteString.copyFrom(new byte[20]))).build().toByteArray();
        HandshakeException e = assertThrows(HandshakeException.class, () -> client.readServerHello(hello));
        assertThat(e.error()).isInstanceOf(HandshakeError.InvalidPeerKey.class);
    }
}

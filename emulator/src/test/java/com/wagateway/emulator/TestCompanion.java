package com.wagateway.emulator;

import com.google.protobuf.ByteString;
import com.wagateway.emulator.protocol.CodeWrap;
import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.BinaryDecodeException;
import com.wagateway.whatsapp.binary.BinaryDecoder;
import com.wagateway.whatsapp.binary.BinaryEncoder;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.binary.NodeContent;
import com.wagateway.whatsapp.crypto.AdvSignatures;
import com.wagateway.whatsapp.crypto.AesGcm;
import com.wagateway.whatsapp.crypto.CryptoException;
import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.crypto.Curve25519KeyPair;
import com.wagateway.whatsapp.crypto.Hkdf;
import com.wagateway.whatsapp.crypto.RandomSource;
import com.wagateway.whatsapp.crypto.XEdDsa;
import com.wagateway.whatsapp.noise.TrustRoot;
import com.wagateway.whatsapp.pairing.PairingQr;
import com.wagateway.whatsapp.proto.AdvProtos.ADVSignedDeviceIdentity;
import com.wagateway.whatsapp.proto.AdvProtos.ADVSignedDeviceIdentityHMAC;
import com.wagateway.whatsapp.proto.ClientPayloadProtos.ClientPayload;
import com.wagateway.whatsapp.proto.ClientPayloadProtos.DeviceProps;
import com.wagateway.whatsapp.transport.ClientOptions;
import com.wagateway.whatsapp.transport.NoiseWebSocketClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A companion for tests, built from the whatsapp module's transport, noise and binary layers (not the
 * WhatsAppClient): its long-term keys and a way to open registration and login connections.
 */
final class TestCompanion {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final RandomSource RANDOM = RandomSource.secure();

    final Curve25519KeyPair noiseKey;
    final Curve25519KeyPair identity = Curve25519.generateKeyPair(RANDOM);
    final Curve25519KeyPair signedPreKey = Curve25519.generateKeyPair(RANDOM);
    final Curve25519KeyPair pairingEphemeral = Curve25519.generateKeyPair(RANDOM);
    final int registrationId = 1234;
    byte[] advSecret = RANDOM.bytes(32);

    TestCompanion() {
        this(Curve25519.generateKeyPair(RANDOM));
    }

    TestCompanion(Curve25519KeyPair noiseKey) {
        this.noiseKey = noiseKey;
    }

    /** §4.2: the registration ClientPayload. */
    byte[] registrationPayload(int[] version) {
        byte[] spkSignature = XEdDsa.sign(identity.privateKey(), signedPreKey.typedPublicKey());
        return base(version).setPassive(false).setPull(false)
                .setDevicePairingData(ClientPayload.DevicePairingRegistrationData.newBuilder()
                        .setERegid(ByteString.copyFrom(ByteBuffer.allocate(4).putInt(registrationId).array()))
                        .setEKeytype(ByteString.copyFrom(new byte[] {5}))
                        .setEIdent(ByteString.copyFrom(identity.publicKey()))
                        .setESkeyId(ByteString.copyFrom(new byte[] {0, 0, 1}))
                        .setESkeyVal(ByteString.copyFrom(signedPreKey.publicKey()))
                        .setESkeySig(ByteString.copyFrom(spkSignature))
                        .setBuildHash(ByteString.copyFrom(new byte[16]))
                        .setDeviceProps(DeviceProps.newBuilder().setOs("Mac OS")
                                .setPlatformType(DeviceProps.PlatformType.CHROME).build().toByteString()))
                .build().toByteArray();
    }

    /** §4.3: the login ClientPayload. */
    static byte[] loginPayload(String phoneNumber, int device, int[] version) {
        return base(version).setUsername(Long.parseLong(phoneNumber)).setDevice(device).setPassive(true)
                .setPull(true).build().toByteArray();
    }

    private static ClientPayload.Builder base(int[] version) {
        return ClientPayload.newBuilder()
                .setUserAgent(ClientPayload.UserAgent.newBuilder()
                        .setPlatform(ClientPayload.UserAgent.Platform.WEB)
                        .setAppVersion(ClientPayload.UserAgent.AppVersion.newBuilder()
                                .setPrimary(version[0]).setSecondary(version[1]).setTertiary(version[2])));
    }

    static final int[] VERSION = {2, 3000, 1043857760};

    Conn register(Emulator emulator) {
        return Conn.open(emulator, noiseKey, registrationPayload(VERSION));
    }

    Conn login(Emulator emulator, String phoneNumber, int device) {
        return Conn.open(emulator, noiseKey, loginPayload(phoneNumber, device, VERSION));
    }

    /** Builds the QR this companion would show for {@code ref}. */
    String qr(String ref) {
        return PairingQr.of(ref, noiseKey.publicKey(), identity.publicKey(), advSecret, "Mac OS", "Chrome").text();
    }

    /** What the companion learned from pair-success (§6 step 6). */
    record PairSuccess(String iqId, String deviceJid, String deviceLid, String platform, byte[] details,
                       byte[] accountSignatureKey, byte[] accountSignature, boolean hmacValid,
                       boolean accountSignatureValid, int keyIndex) {
    }

    /** Verifies pair-success like a client: HMAC with the adv secret, then the account signature. */
    PairSuccess verify(Node iq) throws Exception {
        Node success = iq.child("pair-success");
        ADVSignedDeviceIdentityHMAC container = ADVSignedDeviceIdentityHMAC.parseFrom(
                ((NodeContent.Bytes) success.child("device-identity").content()).data());
        boolean hmac = AdvSignatures.verifyIdentityHmac(advSecret, container.getDetails().toByteArray(), false,
                container.getHmac().toByteArray());
        ADVSignedDeviceIdentity signed = ADVSignedDeviceIdentity.parseFrom(container.getDetails());
        byte[] details = signed.getDetails().toByteArray();
        boolean account = XEdDsa.verify(signed.getAccountSignatureKey().toByteArray(),
                AdvSignatures.accountSignatureMessage(details, identity.publicKey(), false),
                signed.getAccountSignature().toByteArray());
        int keyIndex = com.wagateway.whatsapp.proto.AdvProtos.ADVDeviceIdentity.parseFrom(details).getKeyIndex();
        return new PairSuccess(iq.attr("id"), success.child("device").attr("jid"), success.child("device").attr("lid"),
                success.child("platform").attr("name"), details, signed.getAccountSignatureKey().toByteArray(),
                signed.getAccountSignature().toByteArray(), hmac, account, keyIndex);
    }

    /** §6 step 7: the pair-device-sign reply, signed with {@code signer} (the identity key unless a test lies). */
    Node pairDeviceSign(PairSuccess success, Curve25519KeyPair signer) {
        byte[] deviceSignature = XEdDsa.sign(signer.privateKey(), AdvSignatures.deviceSignatureMessage(success.details(),
                identity.publicKey(), success.accountSignatureKey()));
        byte[] reply = ADVSignedDeviceIdentity.newBuilder()
                .setDetails(ByteString.copyFrom(success.details()))
                .setAccountSignature(ByteString.copyFrom(success.accountSignature()))
                .setDeviceSignature(ByteString.copyFrom(deviceSignature))
                .build().toByteArray();
        return Node.of("iq", Attributes.of("to", "@s.whatsapp.net", "type", "result", "id", success.iqId()),
                List.of(Node.of("pair-device-sign", Attributes.empty(), List.of(Node.of("device-identity",
                        Attributes.of("key-index", Integer.toString(success.keyIndex())), reply)))));
    }

    /** §7 step 1: companion_hello wrapping the pairing ephemeral with {@code code}. */
    Node companionHello(String phoneNumber, String code) {
        return Node.of("iq", Attributes.of("to", "@s.whatsapp.net", "type", "set", "id", "hello-1", "xmlns", "md"),
                List.of(Node.of("link_code_companion_reg", Attributes.of("jid", phoneNumber + "@s.whatsapp.net",
                        "stage", "companion_hello", "should_show_push_notification", "true"), List.of(
                        Node.of("link_code_pairing_wrapped_companion_ephemeral_pub", Attributes.empty(),
                                CodeWrap.wrap(code, pairingEphemeral.publicKey(), RANDOM)),
                        Node.of("companion_server_auth_key_pub", Attributes.empty(), noiseKey.publicKey()),
                        Node.of("companion_platform_id", Attributes.empty(), "1".getBytes(StandardCharsets.UTF_8)),
                        Node.of("companion_platform_display", Attributes.empty(),
                                "Chrome (Mac OS)".getBytes(StandardCharsets.UTF_8)),
                        Node.of("link_code_pairing_nonce", Attributes.empty(), new byte[] {0})))));
    }

    /** §7 step 5–6: answers the phone's notification; replaces {@link #advSecret} with the derived one. */
    Node companionFinish(String phoneNumber, String code, Node notification) throws CryptoException {
        Node reg = notification.child("link_code_companion_reg");
        byte[] ref = data(reg.child("link_code_pairing_ref"));
        byte[] primaryIdentity = data(reg.child("primary_identity_pub"));
        byte[] primaryEphemeral = CodeWrap.unwrap(code, data(reg.child("link_code_pairing_wrapped_primary_ephemeral_pub")));
        byte[] ephShared = Curve25519.sharedSecret(pairingEphemeral.privateKey(), primaryEphemeral);
        byte[] random = RANDOM.bytes(32);
        byte[] salt = RANDOM.bytes(32);
        byte[] iv = RANDOM.bytes(12);
        byte[] key = Hkdf.derive(ephShared, salt, "link_code_pairing_key_bundle_encryption_key", 32);
        byte[] plain = concat(identity.publicKey(), primaryIdentity, random);
        byte[] bundle = concat(salt, iv, AesGcm.encrypt(key, iv, new byte[0], plain));
        byte[] identityShared = Curve25519.sharedSecret(identity.privateKey(), primaryIdentity);
        advSecret = Hkdf.derive(concat(ephShared, identityShared, random), new byte[0], "adv_secret", 32);
        return Node.of("iq", Attributes.of("to", "@s.whatsapp.net", "type", "set", "id", "finish-1", "xmlns", "md"),
                List.of(Node.of("link_code_companion_reg", Attributes.of("jid", phoneNumber + "@s.whatsapp.net",
                        "stage", "companion_finish"), List.of(
                        Node.of("link_code_pairing_wrapped_key_bundle", Attributes.empty(), bundle),
                        Node.of("companion_identity_public", Attributes.empty(), identity.publicKey()),
                        Node.of("link_code_pairing_ref", Attributes.empty(), ref)))));
    }

    static byte[] data(Node node) {
        byte[] content = node.contentBytes();
        if (content == null) {
            throw new AssertionError("no bytes in " + node);
        }
        return content;
    }

    static String text(Node node) {
        return new String(data(node), StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] out = new byte[length];
        int offset = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, offset, p.length);
            offset += p.length;
        }
        return out;
    }

    /** One connection: every decoded node lands in a queue; closes and failures complete {@link #ended}. */
    static final class Conn implements NoiseWebSocketClient.Listener {
        private static final BinaryEncoder ENCODER = new BinaryEncoder();
        private static final BinaryDecoder DECODER = new BinaryDecoder();
        private static final AtomicInteger IDS = new AtomicInteger();

        final LinkedBlockingQueue<Node> nodes = new LinkedBlockingQueue<>();
        /** "closed <status>" or "failure <exception>" or "undecodable <message>". */
        final CompletableFuture<String> ended = new CompletableFuture<>();
        final List<Node> seen = new ArrayList<>();
        /** Nodes an {@link #awaitKeeping} passed over, oldest first; later awaits look here first. */
        private final ArrayDeque<Node> passedOver = new ArrayDeque<>();
        NoiseWebSocketClient client;

        static Conn open(Emulator emulator, Curve25519KeyPair noiseKey, byte[] payload) {
            Conn conn = new Conn();
            ClientOptions options = ClientOptions.defaults().withUrl(emulator.wsUrl())
                    .withTrustRoot(TrustRoot.of(emulator.rootPublicKey())).withHandshakeTimeout(Duration.ofSeconds(5));
            conn.client = NoiseWebSocketClient.connect(HTTP, options, noiseKey, payload, conn, RANDOM).join();
            return conn;
        }

        static CompletableFuture<NoiseWebSocketClient> tryOpen(URI url, byte[] root, Curve25519KeyPair noiseKey,
                                                               byte[] payload) {
            Conn conn = new Conn();
            ClientOptions options = ClientOptions.defaults().withUrl(url).withTrustRoot(TrustRoot.of(root))
                    .withHandshakeTimeout(Duration.ofSeconds(5));
            return NoiseWebSocketClient.connect(HTTP, options, noiseKey, payload, conn, RANDOM);
        }

        @Override
        public void onFrame(byte[] plaintext) {
            try {
                nodes.add(DECODER.decodeFrame(plaintext));
            } catch (BinaryDecodeException e) {
                ended.complete("undecodable " + e.getMessage());
            }
        }

        @Override
        public void onClosed(int statusCode, String reason) {
            ended.complete("closed " + statusCode);
        }

        @Override
        public void onFailure(Throwable error) {
            ended.complete("failure " + error);
        }

        void send(Node node) {
            client.send(ENCODER.encodeFrame(node)).join();
        }

        /** The next node matching {@code filter} (others are skipped but kept in {@link #seen}). */
        Node await(Predicate<Node> filter) {
            return await(filter, false);
        }

        /**
         * Like {@link #await(Predicate)}, but the nodes passed over stay queued for the next awaits: for a node that
         * others may precede which the test still wants to see afterwards (e.g. stanzas a phone sends on its own
         * thread around the server's answer to this connection).
         */
        Node awaitKeeping(Predicate<Node> filter) {
            return await(filter, true);
        }

        private Node await(Predicate<Node> filter, boolean keep) {
            for (Iterator<Node> it = passedOver.iterator(); it.hasNext(); ) {
                Node node = it.next();
                if (filter.test(node)) {
                    it.remove();
                    return node;
                }
                if (!keep) {
                    it.remove();
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                try {
                    Node node = nodes.poll(50, TimeUnit.MILLISECONDS);
                    if (node != null) {
                        seen.add(node);
                        if (filter.test(node)) {
                            return node;
                        }
                        if (keep) {
                            passedOver.add(node);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
            throw new AssertionError("no matching node within 10 s; seen " + seen + "; ended " + ended.getNow("no"));
        }

        Node await(String tag) {
            return await(n -> n.tag().equals(tag));
        }

        /** Sends an iq and returns the server's answer with the same id. */
        Node iq(String xmlns, String type, Node... children) {
            String id = "t" + IDS.incrementAndGet();
            send(Node.of("iq", Attributes.of("id", id, "to", "@s.whatsapp.net", "type", type, "xmlns", xmlns),
                    List.of(children)));
            return await(n -> n.tag().equals("iq") && id.equals(n.attr("id")));
        }

        String awaitEnd() {
            try {
                return ended.get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("connection did not end: " + e, e);
            }
        }

        void close() {
            client.close();
        }
    }
}

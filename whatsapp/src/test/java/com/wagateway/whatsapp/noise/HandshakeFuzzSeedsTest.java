package com.wagateway.whatsapp.noise;

import static com.wagateway.whatsapp.noise.HandshakeFuzzHarness.CLIENT;
import static com.wagateway.whatsapp.noise.HandshakeFuzzHarness.INTERMEDIATE;
import static com.wagateway.whatsapp.noise.HandshakeFuzzHarness.NOW;
import static com.wagateway.whatsapp.noise.HandshakeFuzzHarness.ROOT;
import static com.wagateway.whatsapp.noise.HandshakeFuzzHarness.SERVER;
import static com.wagateway.whatsapp.noise.HandshakeFuzzHarness.VERIFIER;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.wagateway.whatsapp.crypto.Curve25519KeyPair;
import com.wagateway.whatsapp.proto.HandshakeProtos.CertChain.NoiseCertificate.Details;
import com.wagateway.whatsapp.proto.HandshakeProtos.HandshakeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Makes the {@code seed-*} inputs of {@link HandshakeFuzzTest} from the harness's own keys
 * ({@link HandshakeFuzzHarness}) and proves they reach every certificate-chain check (§3.4 checks
 * 1–7, and acceptance) — through the encrypted server hello too, not only as bare chains.
 *
 * <p>The committed seeds must equal what this class generates; after changing the harness or the
 * cases, rewrite them with
 * {@code ./mvnw -B -q -pl whatsapp test -Dtest=HandshakeFuzzSeedsTest -Dfuzz.seeds.write=true}. Inputs
 * the fuzzer found (not named {@code seed-*}) are left alone.
 */
class HandshakeFuzzSeedsTest {

    private static final Path INPUTS = Path.of("src/test/resources/com/wagateway/whatsapp/noise/HandshakeFuzzTestInputs");
    private static final String RC14_MINIMAL_HEX = "0a460a0208011240" + "00".repeat(64)
            + "12680a2410001a20" + "09".repeat(32) + "1240" + "00".repeat(64);
    private static final long VALID_FROM = 0;
    private static final long VALID_UNTIL = 4_102_444_800L; // 2100-01-01

    /** One certificate chain: details of both certificates and who signs each. */
    private record ChainCase(String name, byte[] intermediateDetails, Curve25519KeyPair intermediateSigner,
                             byte[] leafDetails, Curve25519KeyPair leafSigner) {
        byte[] chain() {
            return HandshakeFuzzHarness.chain(intermediateDetails, intermediateSigner, leafDetails, leafSigner);
        }

        boolean harnessSigners() {
            return intermediateSigner == ROOT && leafSigner == INTERMEDIATE;
        }
    }

    private static Details.Builder details(int serial, int issuer, byte[] key) {
        return Details.newBuilder().setSerial(serial).setIssuerSerial(issuer).setKey(ByteString.copyFrom(key))
                .setNotBefore(VALID_FROM).setNotAfter(VALID_UNTIL);
    }

    private static byte[] good(Details.Builder b) {
        return b.build().toByteArray();
    }

    static List<ChainCase> chainCases() {
        byte[] inter = good(details(1, 0, INTERMEDIATE.publicKey()));
        byte[] leaf = good(details(2, 1, SERVER.publicKey()));
        List<ChainCase> cases = new ArrayList<>();
        cases.add(new ChainCase("valid", inter, ROOT, leaf, INTERMEDIATE));
        cases.add(new ChainCase("intermediate-details-garbage", new byte[] {(byte) 0xFF, (byte) 0xFF}, ROOT, leaf, INTERMEDIATE));
        cases.add(new ChainCase("intermediate-by-other-root", inter, CLIENT, leaf, INTERMEDIATE));
        cases.add(new ChainCase("intermediate-issuer-7", good(details(1, 7, INTERMEDIATE.publicKey())), ROOT, leaf, INTERMEDIATE));
        cases.add(new ChainCase("intermediate-key-31-bytes",
                good(details(1, 0, Arrays.copyOf(INTERMEDIATE.publicKey(), 31))), ROOT, leaf, INTERMEDIATE));
        cases.add(new ChainCase("intermediate-expired",
                good(details(1, 0, INTERMEDIATE.publicKey()).setNotAfter(NOW.getEpochSecond() - 1)), ROOT, leaf, INTERMEDIATE));
        cases.add(new ChainCase("intermediate-not-before-uint64-max",
                good(details(1, 0, INTERMEDIATE.publicKey()).setNotBefore(-1L)), ROOT, leaf, INTERMEDIATE));
        cases.add(new ChainCase("leaf-by-root", inter, ROOT, leaf, ROOT));
        cases.add(new ChainCase("leaf-details-empty", inter, ROOT, new byte[0], INTERMEDIATE));
        cases.add(new ChainCase("leaf-issuer-9", inter, ROOT, good(details(2, 9, SERVER.publicKey())), INTERMEDIATE));
        cases.add(new ChainCase("leaf-without-validity", inter, ROOT,
                good(details(2, 1, SERVER.publicKey()).clearNotBefore().clearNotAfter()), INTERMEDIATE));
        cases.add(new ChainCase("leaf-not-yet-valid", inter, ROOT,
                good(details(2, 1, SERVER.publicKey()).setNotBefore(NOW.getEpochSecond() + 1)), INTERMEDIATE));
        cases.add(new ChainCase("leaf-key-of-client", inter, ROOT, good(details(2, 1, CLIENT.publicKey())), INTERMEDIATE));
        return cases;
    }

    /** target method → seed file name → bytes. */
    static Map<String, Map<String, byte[]>> seeds() throws Exception {
        Map<String, Map<String, byte[]>> all = new LinkedHashMap<>();
        Map<String, byte[]> chains = new LinkedHashMap<>();
        Map<String, byte[]> details = new LinkedHashMap<>();
        Map<String, byte[]> serverHellos = new LinkedHashMap<>();
        for (ChainCase c : chainCases()) {
            chains.put("seed-" + c.name(), c.chain());
            if (c.harnessSigners()) {
                details.put("seed-" + c.name(), HandshakeFuzzHarness.detailsInput(c.intermediateDetails(), c.leafDetails()));
            }
            NoiseResponder responder = HandshakeFuzzHarness.responder(c.chain());
            responder.readClientHello(NoiseProtocol.waHeader(), HandshakeFuzzHarness.serverHelloInitiator().clientHello());
            serverHellos.put("seed-" + c.name(), responder.serverHello());
        }
        chains.put("seed-not-a-chain", new byte[] {0x0A, 0x05, 0x01});
        // the 6.x server's chain: an empty intermediate, nothing else
        chains.put("seed-6x-minimal", new byte[] {0x12, 0x00});
        // the smallest chain rc14's ineffective Curve.verify accepts: zero signatures, explicit issuerSerial 0
        chains.put("seed-rc14-minimal", java.util.HexFormat.of().parseHex(RC14_MINIMAL_HEX));
        details.put("seed-empty", new byte[0]);
        byte[] valid = serverHellos.get("seed-valid");
        HandshakeMessage.ServerHello hello = HandshakeMessage.parseFrom(valid).getServerHello();
        serverHellos.put("seed-low-order-ephemeral", HandshakeMessage.newBuilder()
                .setServerHello(hello.toBuilder().setEphemeral(ByteString.copyFrom(new byte[32]))).build().toByteArray());
        serverHellos.put("seed-static-31-bytes", HandshakeMessage.newBuilder()
                .setServerHello(hello.toBuilder().setStatic(hello.getStatic().substring(1))).build().toByteArray());
        serverHellos.put("seed-no-payload", HandshakeMessage.newBuilder()
                .setServerHello(hello.toBuilder().clearPayload()).build().toByteArray());

        Map<String, byte[]> clientHellos = new LinkedHashMap<>();
        clientHellos.put("seed-client-hello", HandshakeFuzzHarness.serverHelloInitiator().clientHello());
        clientHellos.put("seed-client-hello-2", HandshakeFuzzHarness.clientFinishInitiator().clientHello());
        clientHellos.put("seed-short-ephemeral", HandshakeMessage.newBuilder().setClientHello(
                HandshakeMessage.ClientHello.newBuilder().setEphemeral(ByteString.copyFrom(new byte[31]))).build().toByteArray());
        clientHellos.put("seed-low-order-ephemeral", HandshakeMessage.newBuilder().setClientHello(
                HandshakeMessage.ClientHello.newBuilder().setEphemeral(ByteString.copyFrom(new byte[32]))).build().toByteArray());
        clientHellos.put("seed-server-hello-instead", valid);

        Map<String, byte[]> finishes = new LinkedHashMap<>();
        for (int size : new int[] {0, 1, 300}) {
            byte[] payload = new byte[size];
            for (int i = 0; i < size; i++) {
                payload[i] = (byte) (i * 7 + 1);
            }
            finishes.put("seed-client-finish-" + size, clientFinish(payload));
        }
        HandshakeMessage.ClientFinish finish = HandshakeMessage.parseFrom(finishes.get("seed-client-finish-1")).getClientFinish();
        finishes.put("seed-static-47-bytes", HandshakeMessage.newBuilder()
                .setClientFinish(finish.toBuilder().setStatic(finish.getStatic().substring(1))).build().toByteArray());
        finishes.put("seed-payload-15-bytes", HandshakeMessage.newBuilder()
                .setClientFinish(finish.toBuilder().setPayload(finish.getPayload().substring(0, 15))).build().toByteArray());

        all.put("certificateChainFromAnyBytes", chains);
        all.put("chainWithAnySignedDetails", details);
        all.put("initiatorReadsAnyServerHello", serverHellos);
        all.put("responderReadsAnyClientHello", clientHellos);
        all.put("responderReadsAnyClientFinish", finishes);
        return all;
    }

    private static byte[] clientFinish(byte[] payload) throws HandshakeException {
        NoiseInitiator initiator = HandshakeFuzzHarness.clientFinishInitiator();
        NoiseResponder responder = HandshakeFuzzHarness.responder(HandshakeFuzzHarness.CHAIN);
        responder.readClientHello(NoiseProtocol.waHeader(), initiator.clientHello());
        initiator.readServerHello(responder.serverHello());
        return initiator.clientFinish(payload);
    }

    @Test
    void committedSeedsAreMadeWithTheHarnessKeys() throws Exception {
        boolean write = Boolean.getBoolean("fuzz.seeds.write");
        for (Map.Entry<String, Map<String, byte[]>> target : seeds().entrySet()) {
            Path dir = INPUTS.resolve(target.getKey());
            if (write) {
                Files.createDirectories(dir);
                try (Stream<Path> old = Files.list(dir)) {
                    for (Path p : old.filter(p -> p.getFileName().toString().startsWith("seed-")).toList()) {
                        Files.delete(p);
                    }
                }
                for (Map.Entry<String, byte[]> seed : target.getValue().entrySet()) {
                    Files.write(dir.resolve(seed.getKey()), seed.getValue());
                }
            }
            Set<String> committed = new TreeSet<>();
            try (Stream<Path> files = Files.list(dir)) {
                files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("seed-")).forEach(committed::add);
            }
            assertThat(committed).as("seeds of %s (rewrite with -Dfuzz.seeds.write=true)", target.getKey())
                    .isEqualTo(new TreeSet<>(target.getValue().keySet()));
            for (Map.Entry<String, byte[]> seed : target.getValue().entrySet()) {
                assertThat(Files.readAllBytes(dir.resolve(seed.getKey()))).as("%s/%s", target.getKey(), seed.getKey())
                        .isEqualTo(seed.getValue());
            }
        }
    }

    /** Outcome of every §3.4 check, by the variant it fails with (or "accepted"). */
    private static final Set<String> EVERY_CHAIN_OUTCOME = Set.of("accepted", "MalformedCertificate",
            "BadIntermediateSignature", "IssuerSerialMismatch", "CertificateNotValidNow", "BadLeafSignature",
            "LeafKeyMismatch");

    @Test
    void bareChainSeedsReachEveryCheck() throws IOException {
        assertThat(outcomes("certificateChainFromAnyBytes", in -> VERIFIER.verify(in, SERVER.publicKey())))
                .containsAll(EVERY_CHAIN_OUTCOME);
    }

    @Test
    void signedDetailsSeedsReachEveryCheckAfterTheSignatures() throws IOException {
        Set<String> expected = new TreeSet<>(EVERY_CHAIN_OUTCOME);
        expected.remove("BadIntermediateSignature");  // the harness always signs with the trust root
        expected.remove("BadLeafSignature");          // …and with the intermediate key the details name
        assertThat(outcomes("chainWithAnySignedDetails",
                in -> VERIFIER.verify(HandshakeFuzzHarness.chainSignedInHarness(in), SERVER.publicKey())))
                .containsAll(expected);
    }

    @Test
    void serverHelloSeedsDecryptAndReachEveryCheck() throws IOException {
        Set<String> seen = outcomes("initiatorReadsAnyServerHello",
                in -> {
                    NoiseInitiator initiator = HandshakeFuzzHarness.serverHelloInitiator();
                    initiator.clientHello();
                    initiator.readServerHello(in);
                });
        assertThat(seen).containsAll(EVERY_CHAIN_OUTCOME).contains("InvalidPeerKey", "MalformedMessage");
    }

    @Test
    void clientSeedsGetThroughTheResponder() throws IOException {
        assertThat(outcomes("responderReadsAnyClientHello",
                in -> HandshakeFuzzHarness.responder(HandshakeFuzzHarness.CHAIN).readClientHello(NoiseProtocol.waHeader(), in)))
                .contains("accepted", "MalformedMessage");
        assertThat(outcomes("responderReadsAnyClientFinish", in -> {
            NoiseInitiator initiator = HandshakeFuzzHarness.clientFinishInitiator();
            NoiseResponder responder = HandshakeFuzzHarness.responder(HandshakeFuzzHarness.CHAIN);
            responder.readClientHello(NoiseProtocol.waHeader(), initiator.clientHello());
            initiator.readServerHello(responder.serverHello());
            responder.readClientFinish(in);
        })).contains("accepted", "MalformedMessage");
    }

    private interface Step {
        void run(byte[] input) throws HandshakeException;
    }

    private static Set<String> outcomes(String target, Step step) throws IOException {
        Set<String> seen = new TreeSet<>();
        try (Stream<Path> files = Files.list(INPUTS.resolve(target))) {
            for (Path p : files.sorted().toList()) {
                try {
                    step.run(Files.readAllBytes(p));
                    seen.add("accepted");
                } catch (HandshakeException e) {
                    seen.add(e.error().getClass().getSimpleName());
                }
            }
        }
        return seen;
    }
}

package com.wagateway.benchmarks.binary;

import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.BinaryEncoder;
import com.wagateway.whatsapp.binary.Node;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The three typical nodes both benchmarks time, built exactly as tools/interop/bench-binary.mjs
 * builds them; {@link #check} compares our encoding's SHA-256 with the hash that script prints,
 * so the Java and Node numbers are for the same bytes.
 */
enum BenchmarkNodes {
    /** A group {@code <message>}: three pkmsg {@code <enc>} of 200 bytes to participants, skmsg, identity. */
    MESSAGE("ed53ec228a142a88bfe97042307b1a39284138c2e21c60f32758e0092e9dea6b") {
        @Override
        Node build() {
            List<Node> to = List.of(1, 2, 3).stream().map(d -> Node.of("to",
                    Attributes.of("jid", "15551234567:" + d + "@s.whatsapp.net"),
                    List.of(Node.of("enc", Attributes.of("v", "2", "type", "pkmsg"), pattern(200, 31 + d)))))
                    .toList();
            return Node.of("message", Attributes.of("id", "3EB0C4B1A9F2D8E7A6B5", "to", "120363123456789012@g.us",
                    "type", "text", "t", "1700000000", "addressing_mode", "lid"), List.of(
                    Node.of("participants", Attributes.empty(), to),
                    Node.of("enc", Attributes.of("v", "2", "type", "skmsg"), pattern(200, 17)),
                    Node.of("device-identity", Attributes.empty(), pattern(120, 5))));
        }
    },
    /** An {@code <iq>} usync device query for five users. */
    USYNC("2a8c66d1ee4380f98ef38f96808d762bcfc0f9ef0b5bf383c4a7fe74763b1c8e") {
        @Override
        Node build() {
            List<Node> users = List.of(0, 1, 2, 3, 4).stream()
                    .map(i -> Node.of("user", Attributes.of("jid", "1555123456" + i + "@s.whatsapp.net"))).toList();
            return Node.of("iq", Attributes.of("id", "12345.6789-42", "to", "@s.whatsapp.net", "type", "get",
                    "xmlns", "usync"), List.of(Node.of("usync", Attributes.of("sid", "12345.6789-43", "mode", "query",
                    "last", "true", "index", "0", "context", "message"), List.of(
                    Node.of("query", Attributes.empty(), List.of(Node.of("devices", Attributes.of("version", "2")),
                            Node.of("lid"))),
                    Node.of("list", Attributes.empty(), users)))));
        }
    },
    /** A read {@code <receipt>} for a LID participant. */
    RECEIPT("2bf88bb726b9fe56f27a83980c17003262ca586046573f1a29daec99421950c4") {
        @Override
        Node build() {
            return Node.of("receipt", Attributes.of("id", "3EB0C4B1A9F2D8E7A6B5", "to", "15551234567@s.whatsapp.net",
                    "type", "read", "participant", "123456789012345:2@lid", "t", "1700000000"));
        }
    };

    private final String baileysSha256;

    BenchmarkNodes(String baileysSha256) {
        this.baileysSha256 = baileysSha256;
    }

    abstract Node build();

    /** Builds the node and fails unless its frame hashes to what Baileys encoded. */
    Node check() {
        Node node = build();
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(new BinaryEncoder().encodeFrame(node));
            if (!HexFormat.of().formatHex(sha).equals(baileysSha256)) {
                throw new IllegalStateException(name() + " does not encode to the node bench-binary.mjs times");
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return node;
    }

    private static byte[] pattern(int n, int mul) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * mul + 7);
        }
        return b;
    }
}

package com.wagateway.emulator.protocol;

import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.BinaryEncoder;
import com.wagateway.whatsapp.binary.CodecLimits;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.crypto.RandomSource;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Optional;
import java.util.zip.Deflater;

/**
 * What a hostile server sends to test that a client survives it (issue 6: the affected session errors
 * or reconnects, the others stay connected). Each kind breaks a different layer.
 */
public enum HostileFrame {
    /** Random bytes where an AES-GCM frame should be: the client's transport decryption fails. */
    GARBAGE_FRAME("garbage-frame"),
    /** A correctly encrypted frame whose plaintext is not a node (zlib flag over random bytes). */
    UNDECODABLE_NODE("undecodable-node"),
    /**
     * A correctly encrypted, compressed node that inflates past {@link CodecLimits#DEFAULT_MAX_DECOMPRESSED}
     * (a few KiB on the wire, 3 MiB inflated): a zlib bomb the client must refuse.
     */
    OVERSIZED_NODE("oversized-node"),
    /** A well-formed stanza no client expects: an unknown tag with a request id and nested children. */
    UNEXPECTED_STANZA("unexpected-stanza");

    private final String wireName;

    HostileFrame(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<HostileFrame> of(String name) {
        for (HostileFrame kind : values()) {
            if (kind.wireName.equals(name)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** Sends this to {@code connection}; false if it is not open. */
    public boolean sendTo(ClientConnection connection, RandomSource random) {
        return switch (this) {
            case GARBAGE_FRAME -> {
                connection.sendRawFrame(random.bytes(64));
                yield true;
            }
            case UNDECODABLE_NODE -> {
                byte[] plaintext = random.bytes(48);
                plaintext[0] = 2; // "compressed", but what follows is no zlib stream
                yield connection.sendPlaintext(plaintext);
            }
            case OVERSIZED_NODE -> connection.sendPlaintext(zlibBomb());
            case UNEXPECTED_STANZA -> connection.send(Node.of("hostile-surprise",
                    Attributes.of("id", "hostile-1", "from", Stanzas.SERVER, "type", "unheard-of"),
                    List.of(Node.of("nested", Attributes.of("depth", "1"),
                            List.of(Node.of("deeper", Attributes.empty(), new byte[] {0, 1, 2, 3}))))));
        };
    }

    private static byte[] zlibBomb() {
        Node big = Node.of("message", Attributes.of("id", "hostile-2", "from", Stanzas.SERVER),
                new byte[CodecLimits.DEFAULT_MAX_DECOMPRESSED + (1 << 20)]);
        byte[] node = new BinaryEncoder().encodeNode(big);
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(node);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(2);
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }
}

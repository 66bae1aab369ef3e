package com.wagateway.whatsapp.jid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.BinaryDecodeException;
import com.wagateway.whatsapp.binary.BinaryDecoder;
import com.wagateway.whatsapp.binary.BinaryEncoder;
import com.wagateway.whatsapp.binary.Node;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Random JIDs: text round trip, and through the binary codec as an attribute value. QuickTheories
 * runs each property with a fixed seed (CI is deterministic); a failure reports the seed and the
 * smallest falsifying JID.
 */
class JidProperties {
    private static final long SEED = 0x4a1dL;
    private final BinaryEncoder encoder = new BinaryEncoder();
    private final BinaryDecoder decoder = new BinaryDecoder();

    @Test
    void textRoundTrip() {
        qt().withExamples(500).withFixedSeed(SEED).forAll(jids())
                .checkAssert(jid -> assertThat(Jid.parse(jid.toString())).isEqualTo(jid));
    }

    @Test
    void codecRoundTripKeepsUserDeviceAndDomain() {
        qt().withExamples(300).withFixedSeed(SEED + 1).forAll(jids()).checkAssert(jid -> {
            Node sent = Node.of("message", Attributes.of("to", jid.toString()));
            Jid received = Jid.parse(decode(encoder.encodeFrame(sent)).attr("to"));
            assertThat(received.user()).isEqualTo(jid.user());
            assertThat(received.device()).isEqualTo(jid.device());
            if (jid.device() == 0) {
                // JID_PAIR keeps the server text (agent dropped, as in Baileys)
                assertThat(received.server()).isEqualTo(jid.server());
            } else {
                // AD_JID keeps only the domain type: the server comes back from it (§5.7)
                assertThat(received.domainType()).isEqualTo(switch (jid.domainType()) {
                    case 1, 128, 129 -> jid.domainType();
                    default -> 0;
                });
            }
        });
    }

    private Node decode(byte[] frame) {
        try {
            return decoder.decodeFrame(frame);
        } catch (BinaryDecodeException e) {
            throw new AssertionError("a frame the encoder wrote must decode", e);
        }
    }

    /**
     * Users numeric (up to 18 digits) or alphanumeric with '-' and '.', the empty user included;
     * no agent or agent 0–255; device 0 (JID_PAIR) half of the time, otherwise 0–255 (AD_JID);
     * every server kind the codec knows, plus c.us.
     */
    static Gen<Jid> jids() {
        Gen<String> user = Generate.oneOf(chars("0123456789", 0, 18),
                chars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.", 0, 10));
        Gen<String> server = Generate.pick(List.of(Jid.WHATSAPP, Jid.LID, Jid.HOSTED, Jid.HOSTED_LID, Jid.GROUP,
                Jid.BROADCAST, Jid.NEWSLETTER, Jid.CALL, Jid.BOT, Jid.LEGACY_USER));
        Gen<Integer> agent = Generate.oneOf(Generate.constant(Jid.NO_AGENT), integers().between(0, 255));
        Gen<Integer> device = Generate.oneOf(Generate.constant(0), integers().between(0, 255));
        return user.zip(agent, device, server, Jid::new).describedAs(Jid::toString);
    }

    /** Strings of {@code alphabet}'s characters, {@code min}–{@code max} long. */
    private static Gen<String> chars(String alphabet, int min, int max) {
        Gen<Character> c = Generate.pick(alphabet.chars().mapToObj(ch -> (char) ch).toList());
        return lists().of(c).ofSizeBetween(min, max).map(cs -> {
            StringBuilder sb = new StringBuilder(cs.size());
            cs.forEach(sb::append);
            return sb.toString();
        });
    }
}

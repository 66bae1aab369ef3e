package com.wagateway.whatsapp.jid;

import static org.assertj.core.api.Assertions.assertThat;

import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.BinaryDecoder;
import com.wagateway.whatsapp.binary.BinaryEncoder;
import com.wagateway.whatsapp.binary.Node;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random JIDs: text round trip, and through the binary codec as an attribute value. */
class JidProperties {
    private final BinaryEncoder encoder = new BinaryEncoder();
    private final BinaryDecoder decoder = new BinaryDecoder();

    @Property(tries = 500)
    void textRoundTrip(@ForAll("jids") Jid jid) {
        assertThat(Jid.parse(jid.toString())).isEqualTo(jid);
    }

    @Property(tries = 300)
    void codecRoundTripKeepsUserDeviceAndDomain(@ForAll("jids") Jid jid) throws Exception {
        Node sent = Node.of("message", Attributes.of("to", jid.toString()));
        Jid received = Jid.parse(decoder.decodeFrame(encoder.encodeFrame(sent)).attr("to"));
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
    }

    @Provide
    Arbitrary<Jid> jids() {
        Arbitrary<String> user = Arbitraries.oneOf(Arbitraries.strings().numeric().ofMaxLength(18),
                Arbitraries.strings().alpha().numeric().withChars("-.").ofMaxLength(10));
        Arbitrary<String> server = Arbitraries.of(Jid.WHATSAPP, Jid.LID, Jid.HOSTED, Jid.HOSTED_LID, Jid.GROUP,
                Jid.BROADCAST, Jid.NEWSLETTER, Jid.CALL, Jid.BOT, Jid.LEGACY_USER);
        Arbitrary<Integer> agent = Arbitraries.oneOf(Arbitraries.just(Jid.NO_AGENT),
                Arbitraries.integers().between(0, 255));
        return Combinators.combine(user, agent, Arbitraries.integers().between(0, 255), server)
                .as(Jid::new);
    }
}

package com.wagateway.whatsapp.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.wagateway.whatsapp.client.DirectoryCredentialStore;
import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.whatsapp.signal.SenderKeyName;
import com.wagateway.whatsapp.signal.SignalAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SignalEntryNamesTest {

    @Test
    void typicalNamesStayReadable() {
        SignalAddress lid = SignalAddress.of(Jid.parse("987654321:3@lid"));
        assertThat(SignalEntryNames.session(lid)).isEqualTo("session-987654321_1.3");
        assertThat(SignalEntryNames.identity(SignalAddress.of(Jid.parse("15551234567@s.whatsapp.net"))))
                .isEqualTo("identity-15551234567.0");
        assertThat(SignalEntryNames.senderKey(new SenderKeyName("120363000000000001@g.us", lid)))
                .isEqualTo("senderkey-120363000000000001-40g-2Eus.987654321_1.3");
    }

    @Test
    void randomNamesAreValidEntryNamesDecodeBackAndNeverCollide() {
        Random rnd = new Random(11);
        String alphabet = "0123456789_abcXYZ-.:@/\\ é€😀\u0000%";
        Map<String, Object> seen = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            String group = randomString(rnd, alphabet, 0);
            String name = randomString(rnd, alphabet, 1).replace(".", "·");
            SignalAddress address = new SignalAddress(name, rnd.nextInt(5) == 0 ? rnd.nextInt(Integer.MAX_VALUE) : rnd.nextInt(100));
            SenderKeyName senderKey = new SenderKeyName(group, address);

            String session = SignalEntryNames.session(address);
            String identity = SignalEntryNames.identity(address);
            String sk = SignalEntryNames.senderKey(senderKey);
            for (String entry : new String[] {session, identity, sk}) {
                assertThat(entry).matches(DirectoryCredentialStore.ENTRY_NAME);
            }
            assertThat(SignalEntryNames.addressOf(session)).contains(address);
            assertThat(SignalEntryNames.addressOf(identity)).contains(address);
            assertThat(SignalEntryNames.senderKeyNameOf(sk)).contains(senderKey);
            assertThat(SignalEntryNames.addressOf(sk)).isEmpty();
            assertThat(SignalEntryNames.senderKeyNameOf(session)).isEmpty();

            for (Map.Entry<String, Object> e : Map.<String, Object>of(session, "s" + address, identity, "i" + address,
                    sk, senderKey).entrySet()) {
                Object previous = seen.putIfAbsent(e.getKey(), e.getValue());
                assertThat(previous == null || previous.equals(e.getValue())).as(e.getKey()).isTrue();
            }
        }
    }

    @Test
    void namesItWouldNotHaveWrittenAreRefused() {
        assertThat(SignalEntryNames.addressOf("session-abc-2e.1")).isEmpty(); // lower-case hex
        assertThat(SignalEntryNames.addressOf("session-a-41.1")).isEmpty(); // escaped plain letter
        assertThat(SignalEntryNames.addressOf("session-abc-2")).isEmpty(); // cut escape
        assertThat(SignalEntryNames.addressOf("session-abc.01")).isEmpty(); // leading zero device
        assertThat(SignalEntryNames.addressOf("session-abc.1.2")).isEmpty();
        assertThat(SignalEntryNames.addressOf("session-.1")).isEmpty(); // empty name
        assertThat(SignalEntryNames.addressOf("prekeys")).isEmpty();
        assertThat(SignalEntryNames.senderKeyNameOf("senderkey-g.a.99999999999")).isEmpty();
        assertThat(SignalEntryNames.senderKeyNameOf("senderkey-.a.1")).isEqualTo(
                Optional.of(new SenderKeyName("", new SignalAddress("a", 1))));
    }

    private static String randomString(Random rnd, String alphabet, int minLength) {
        int length = minLength + rnd.nextInt(12);
        StringBuilder out = new StringBuilder();
        int[] cps = alphabet.codePoints().toArray();
        for (int i = 0; i < length; i++) {
            out.appendCodePoint(cps[rnd.nextInt(cps.length)]);
        }
        return out.toString();
    }
}

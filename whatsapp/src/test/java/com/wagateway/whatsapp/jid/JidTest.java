package com.wagateway.whatsapp.jid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JidTest {
    @Test
    void parsesEveryForm() {
        assertThat(Jid.parse("@s.whatsapp.net")).isEqualTo(Jid.SERVER);
        assertThat(Jid.parse("15551234567:3@s.whatsapp.net")).isEqualTo(Jid.of("15551234567", 3, "s.whatsapp.net"));
        assertThat(Jid.parse("15551234567_1:2@s.whatsapp.net").domainType()).isEqualTo(1);
        assertThat(Jid.parse("123456789012345:99@hosted.lid").domainType()).isEqualTo(129);
        assertThat(Jid.parse("status@broadcast").kind()).isEqualTo(JidKind.STATUS_BROADCAST);
        assertThat(Jid.parse("7-15551234567:300@interop").integrator()).isEqualTo(7);
        assertThat(Jid.parse("100000000000001:65535@msgr").device()).isEqualTo(65535);
    }

    @Test
    void printsLikeJidEncode() {
        assertThat(Jid.parse("15551234567:0@s.whatsapp.net")).hasToString("15551234567@s.whatsapp.net");
        assertThat(Jid.parse("15551234567_0:1@s.whatsapp.net")).hasToString("15551234567_0:1@s.whatsapp.net");
        assertThat(Jid.parse("16505361212@c.us").toNormalizedUser()).hasToString("16505361212@s.whatsapp.net");
    }

    @Test
    void refusesWhatIsNotAJid() {
        for (String bad : new String[] {"", "s.whatsapp.net", "1@", "a@b@c", "1:256@s.whatsapp.net",
                "1:01@lid", "1_256@s.whatsapp.net", "1:x@lid", "1:2:3@lid", "1_2_3@lid", "1:@lid", "1_@lid"}) {
            assertThatThrownBy(() -> Jid.parse(bad)).as(bad).isInstanceOf(JidFormatException.class)
                    .hasMessageContaining(bad.isEmpty() ? "\"\"" : bad);
        }
    }
}

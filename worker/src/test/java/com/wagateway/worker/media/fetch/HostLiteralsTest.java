package com.wagateway.worker.media.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostLiteralsTest {

    @ParameterizedTest
    @CsvSource({
            "127.0.0.1, 127.0.0.1",
            "2130706433, 127.0.0.1",
            "0x7f.1, 127.0.0.1",
            "0x7F000001, 127.0.0.1",
            "0177.0.0.1, 127.0.0.1",
            "017700000001, 127.0.0.1",
            "127.1, 127.0.0.1",
            "127.0.1, 127.0.0.1",
            "10.0x10.0377.1, 10.16.255.1",
            "0, 0.0.0.0",
            "0x, 0.0.0.0",
            "169.254.43518, 169.254.169.254",
            "4294967295, 255.255.255.255",
    })
    void inetAtonFormsParse(String text, String dotted) throws Exception {
        byte[] bytes = HostLiterals.parseIpv4(text).orElseThrow();
        assertThat(InetAddress.getByAddress(bytes).getHostAddress()).isEqualTo(dotted);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4294967296", "256.0.0.1", "1.2.3.4.5", "1..2", "08.1.1.1", "0x1g.1", "1.256.1",
            "127.0.0.256", "99999999999999999999", ""})
    void invalidIpv4IsRefused(String text) {
        assertThat(HostLiterals.parseIpv4(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2130706433", "0x7f.1", "foo.1", "a.b.0x10", "1.2.3.4.5"})
    void numericLastLabelMeansIpv4(String host) {
        assertThat(HostLiterals.looksLikeIpv4(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "127.0.0.1.nip.io", "0x7f.com", "1e100.net"})
    void namesAreNotIpv4(String host) {
        assertThat(HostLiterals.looksLikeIpv4(host)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
            "::1, ::1",
            "::, ::",
            "0:0:0:0:0:0:0:1, ::1",
            "fe80::1, fe80::1",
            "FC00::abcd, fc00::abcd",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            "::ffff:127.0.0.1, 127.0.0.1",
            "::ffff:7f00:1, 127.0.0.1",
            "64:ff9b::10.0.0.1, 64:ff9b::a00:1",
            "1:2:3:4:5:6:7:8, 1:2:3:4:5:6:7:8",
    })
    void ipv6Parses(String text, String canonical) throws Exception {
        byte[] bytes = HostLiterals.parseIpv6(text).orElseThrow();
        assertThat(HostLiterals.text(InetAddress.getByAddress(bytes))).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1::2::3", "12345::", "fe80::1%eth0", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", ":1",
            "::ffff:127.1", "::g", "1.2.3.4::", ""})
    void invalidIpv6IsRefused(String text) {
        assertThat(HostLiterals.parseIpv6(text)).isEmpty();
    }
}

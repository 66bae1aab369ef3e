package com.wagateway.worker.media.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressClassTest {

    @ParameterizedTest
    @CsvSource({
            "8.8.8.8, PUBLIC",
            "93.184.216.34, PUBLIC",
            "127.0.0.1, LOOPBACK",
            "127.255.255.254, LOOPBACK",
            "10.0.0.1, PRIVATE",
            "172.16.0.1, PRIVATE",
            "172.31.255.255, PRIVATE",
            "172.32.0.1, PUBLIC",
            "192.168.1.1, PRIVATE",
            "100.64.0.1, SHARED",
            "100.127.255.255, SHARED",
            "100.128.0.1, PUBLIC",
            "169.254.169.254, LINK_LOCAL",
            "0.0.0.0, UNSPECIFIED",
            "0.1.2.3, UNSPECIFIED",
            "224.0.0.1, MULTICAST",
            "239.255.255.250, MULTICAST",
            "255.255.255.255, BROADCAST",
            "240.0.0.1, RESERVED",
            "192.0.2.1, RESERVED",
            "198.51.100.1, RESERVED",
            "203.0.113.1, RESERVED",
            "198.18.0.1, RESERVED",
            "192.0.0.8, RESERVED",
            "::, UNSPECIFIED",
            "::1, LOOPBACK",
            "::ffff:127.0.0.1, LOOPBACK",
            "::ffff:10.0.0.1, PRIVATE",
            "::ffff:169.254.169.254, LINK_LOCAL",
            "::ffff:8.8.8.8, PUBLIC",
            "::ffff:0:10.0.0.1, PRIVATE",
            "::127.0.0.1, LOOPBACK",
            "::10.0.0.1, PRIVATE",
            "::8.8.8.8, RESERVED",
            "64:ff9b::127.0.0.1, LOOPBACK",
            "64:ff9b::169.254.169.254, LINK_LOCAL",
            "64:ff9b::8.8.8.8, PUBLIC",
            "64:ff9b:1::1, PRIVATE",
            "2002:7f00:1::1, LOOPBACK",
            "2002:a9fe:a9fe::1, LINK_LOCAL",
            "2002:808:808::1, PUBLIC",
            "fc00::1, UNIQUE_LOCAL",
            "fd12:3456::1, UNIQUE_LOCAL",
            "fe80::1, LINK_LOCAL",
            "febf::1, LINK_LOCAL",
            "fec0::1, SITE_LOCAL",
            "ff02::1, MULTICAST",
            "2001:db8::1, RESERVED",
            "2001::1, RESERVED",
            "3fff::1, RESERVED",
            "100::1, RESERVED",
            "2606:4700::1111, PUBLIC",
            "2a00:1450::1, PUBLIC",
    })
    void classifies(String address, AddressClass expected) {
        assertThat(AddressClass.of(MapResolver.literal(address))).isEqualTo(expected);
    }
}

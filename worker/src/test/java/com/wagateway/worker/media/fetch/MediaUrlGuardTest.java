package com.wagateway.worker.media.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wagateway.worker.media.fetch.MediaFetchException.Reason;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The guard alone: what it refuses before any connection, and that literals never reach the resolver. */
class MediaUrlGuardTest {

    private final MapResolver resolver = new MapResolver()
            .map("media.example.test", "93.184.216.34")
            .map("private.example.test", "10.0.0.5")
            .map("mixed.example.test", "93.184.216.34", "192.168.0.10")
            .map("metadata.example.test", "169.254.169.254")
            .map("v6.example.test", "2606:4700::1111")
            .map("ula.example.test", "fd00::1");

    private MediaUrlGuard guard(boolean allowPrivate, String... allowed) {
        return new MediaUrlGuard(new MediaFetchProperties(null, null, null, List.of(allowed), allowPrivate), resolver);
    }

    private final MediaUrlGuard strict = guard(false);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://127.0.0.1/                        | 127.0.0.1 is a refused address: loopback",
            "http://10.0.0.1/                         | 10.0.0.1 is a refused address: private, RFC 1918",
            "http://169.254.169.254/latest/meta-data/ | 169.254.169.254 is a refused address: link-local, incl. cloud metadata",
            "http://[::1]/                            | [::1] is a refused address: loopback",
            "http://[::ffff:127.0.0.1]/               | 127.0.0.1 is a refused address: loopback",
            "http://[::ffff:a9fe:a9fe]/               | 169.254.169.254 is a refused address: link-local, incl. cloud metadata",
            "http://2130706433/                       | 127.0.0.1 is a refused address: loopback",
            "http://0x7f.1/                           | 127.0.0.1 is a refused address: loopback",
            "http://0177.0.0.1/                       | 127.0.0.1 is a refused address: loopback",
            "http://127.1/                            | 127.0.0.1 is a refused address: loopback",
            "http://127.0.0.1./                       | 127.0.0.1 is a refused address: loopback",
            "http://0251.0376.0251.0376/              | 169.254.169.254 is a refused address: link-local, incl. cloud metadata",
            "http://100.64.1.2:8080/x                 | 100.64.1.2:8080 is a refused address: shared carrier-grade NAT, RFC 6598",
            "http://172.20.0.1/                       | 172.20.0.1 is a refused address: private, RFC 1918",
            "http://192.168.1.1/                      | 192.168.1.1 is a refused address: private, RFC 1918",
            "http://[fc00::1]/                        | [fc00::1] is a refused address: unique-local IPv6, fc00::/7",
            "http://[fe80::1]/                        | [fe80::1] is a refused address: link-local, incl. cloud metadata",
            "http://0.0.0.0/                          | 0.0.0.0 is a refused address: unspecified",
            "http://0/                                | 0.0.0.0 is a refused address: unspecified",
            "http://[::]/                             | [::] is a refused address: unspecified",
            "http://224.0.0.1/                        | 224.0.0.1 is a refused address: multicast",
            "http://[ff02::1]/                        | [ff02::1] is a refused address: multicast",
            "http://255.255.255.255/                  | 255.255.255.255 is a refused address: broadcast",
            "http://192.0.2.10/                       | 192.0.2.10 is a refused address: reserved, documentation or special-purpose",
            "http://[64:ff9b::7f00:1]/                | [64:ff9b::7f00:1] is a refused address: loopback",
            "http://[2002:a9fe:a9fe::]/               | [2002:a9fe:a9fe::] is a refused address: link-local, incl. cloud metadata",
            "http://localhost/                        | localhost is a refused address: loopback name",
            "http://LOCALHOST./                       | localhost is a refused address: loopback name",
            "http://api.localhost:9000/               | api.localhost:9000 is a refused address: loopback name",
    })
    void refusedLiteralsInAnySpelling(String url, String detail) {
        assertThatThrownBy(() -> strict.check(url))
                .isInstanceOfSatisfying(MediaFetchException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.BLOCKED_ADDRESS);
                    assertThat(e.getMessage()).isEqualTo("blocked_address: " + detail);
                });
        assertThat(resolver.lookups).as("a literal is never looked up").isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "file:///etc/passwd             | UNSUPPORTED_SCHEME",
            "ftp://example.com/a.jpg        | UNSUPPORTED_SCHEME",
            "gopher://127.0.0.1:25/         | UNSUPPORTED_SCHEME",
            "jar:http://x.test/a!/b         | UNSUPPORTED_SCHEME",
            "/local/file                    | UNSUPPORTED_SCHEME",
            "http://                        | MALFORMED_URL",
            "http:opaque                    | MALFORMED_URL",
            "http://user@example.com/       | MALFORMED_URL",
            "http://example.com@10.0.0.1/   | MALFORMED_URL",
            "http://256.0.0.1/              | MALFORMED_URL",
            "http://1.2.3.4.5/              | MALFORMED_URL",
            "http://0x7g.1/                 | MALFORMED_URL",
            "http://[fe80::1%25eth0]/       | MALFORMED_URL",
            "http://[::1/                   | MALFORMED_URL",
            "http://%31%32%37.0.0.1/        | MALFORMED_URL",
            "http://example.com:0/          | MALFORMED_URL",
            "http://example.com:99999/      | MALFORMED_URL",
            "http://exa mple.com/           | MALFORMED_URL",
            "http://-bad-.com/              | MALFORMED_URL",
    })
    void schemeAndSyntaxRefusals(String url, Reason reason) {
        assertThatThrownBy(() -> strict.check(url))
                .isInstanceOfSatisfying(MediaFetchException.class, e -> assertThat(e.reason()).isEqualTo(reason));
        assertThat(resolver.lookups).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://media.example.test/a.jpg", "http://MEDIA.example.test./a.jpg?x=1#frag",
            "http://8.8.8.8/", "http://[2606:4700::1111]:8443/x", "https://xn--bcher-kva.example/b.pdf",
            "https://bücher.example/b.pdf"})
    void publicUrlsPassThePrecheck(String url) {
        assertThat(catchCheck(strict, url)).isNull();
    }

    @Test
    void aPublicLookingNameThatResolvesToAPrivateAddressIsRefused() throws Exception {
        FetchTarget target = strict.precheck("http://private.example.test/a.jpg");
        assertThatThrownBy(() -> strict.vet(target, Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(MediaFetchException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.BLOCKED_ADDRESS);
                    assertThat(e.getMessage()).isEqualTo("blocked_address: private.example.test resolves to "
                            + "10.0.0.5, which is a refused address: private, RFC 1918");
                });
        assertThat(resolver.lookups).containsExactly("private.example.test");
    }

    @Test
    void oneRefusedAnswerAmongPublicOnesRefusesTheName() throws Exception {
        FetchTarget target = strict.precheck("http://mixed.example.test/a.jpg");
        assertThatThrownBy(() -> strict.vet(target, Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(MediaFetchException.class,
                        e -> assertThat(e.getMessage()).contains("192.168.0.10"));
    }

    @Test
    void publicNamesAreResolvedOnceAndAllTheirAddressesReturned() throws Exception {
        List<InetAddress> addresses = strict.vet(strict.precheck("https://media.example.test/a"),
                Duration.ofSeconds(5));
        assertThat(addresses).containsExactly(MapResolver.literal("93.184.216.34"));
        assertThat(strict.vet(strict.precheck("https://v6.example.test/a"), Duration.ofSeconds(5)))
                .containsExactly(MapResolver.literal("2606:4700::1111"));
        assertThat(resolver.lookups).containsExactly("media.example.test", "v6.example.test");
    }

    @Test
    void anUnknownNameIsUnknownHost() throws Exception {
        FetchTarget target = strict.precheck("http://nowhere.example.test/");
        assertThatThrownBy(() -> strict.vet(target, Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(MediaFetchException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_HOST));
    }

    @Test
    void aResolverSlowerThanTheTimeLeftIsATimeout() throws Exception {
        MediaUrlGuard slow = new MediaUrlGuard(MediaFetchProperties.defaults(), name -> {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of();
        });
        FetchTarget target = slow.precheck("http://slow.example.test/");
        long start = System.nanoTime();
        assertThatThrownBy(() -> slow.vet(target, Duration.ofMillis(200)))
                .isInstanceOfSatisfying(MediaFetchException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void allowPrivateNetworksOpensPrivateRangesButNotLinkLocalMulticastOrUnspecified() throws Exception {
        MediaUrlGuard open = guard(true);
        for (String url : List.of("http://127.0.0.1/", "http://10.0.0.1/", "http://100.64.0.1/",
                "http://[fd00::1]/", "http://[::1]/", "http://localhost/", "http://2130706433/")) {
            assertThat(catchCheck(open, url)).as(url).isNull();
        }
        assertThat(open.vet(open.precheck("http://private.example.test/"), Duration.ofSeconds(5)))
                .containsExactly(MapResolver.literal("10.0.0.5"));
        assertThat(open.vet(open.precheck("http://ula.example.test/"), Duration.ofSeconds(5)))
                .containsExactly(MapResolver.literal("fd00::1"));
        for (String url : List.of("http://169.254.169.254/", "http://[fe80::1]/", "http://224.0.0.1/",
                "http://0.0.0.0/", "http://[::]/", "http://255.255.255.255/")) {
            assertThat(catchCheck(open, url)).as(url).isNotNull()
                    .extracting(MediaFetchException::reason).isEqualTo(Reason.BLOCKED_ADDRESS);
        }
        FetchTarget metadata = open.precheck("http://metadata.example.test/");
        assertThatThrownBy(() -> open.vet(metadata, Duration.ofSeconds(5)))
                .isInstanceOf(MediaFetchException.class).hasMessageContaining("link-local");
    }

    @Test
    void allowListedHostsAreExemptAndOthersAreNot() throws Exception {
        MediaUrlGuard listed = guard(false, "private.example.test", "*.internal.test", "10.9.8.7", "[fd00::7]",
                "metadata.example.test");
        assertThat(listed.vet(listed.precheck("http://private.example.test/"), Duration.ofSeconds(5)))
                .containsExactly(MapResolver.literal("10.0.0.5"));
        // an IP entry matches the address in any spelling
        assertThat(catchCheck(listed, "http://10.9.8.7/")).isNull();
        assertThat(catchCheck(listed, "http://0xa.9.8.7/")).isNull();
        assertThat(catchCheck(listed, "http://168364039/")).isNull();
        assertThat(catchCheck(listed, "http://[fd00::7]/")).isNull();
        // only the listed ones
        assertThat(catchCheck(listed, "http://10.9.8.6/")).isNotNull();
        assertThat(catchCheck(listed, "http://127.0.0.1/")).isNotNull();
        FetchTarget mixed = listed.precheck("http://mixed.example.test/");
        assertThatThrownBy(() -> listed.vet(mixed, Duration.ofSeconds(5))).isInstanceOf(MediaFetchException.class);
        // *.domain is below the domain, not the domain itself
        resolver.map("a.internal.test", "10.1.1.1").map("internal.test", "10.1.1.2");
        assertThat(listed.vet(listed.precheck("http://a.internal.test/"), Duration.ofSeconds(5))).hasSize(1);
        FetchTarget apex = listed.precheck("http://internal.test/");
        assertThatThrownBy(() -> listed.vet(apex, Duration.ofSeconds(5))).isInstanceOf(MediaFetchException.class);
        // never multicast or unspecified, even listed
        MediaUrlGuard listedOdd = guard(false, "224.0.0.1", "0.0.0.0");
        assertThat(catchCheck(listedOdd, "http://224.0.0.1/")).isNotNull();
        assertThat(catchCheck(listedOdd, "http://0.0.0.0/")).isNotNull();
    }

    @Test
    void linkLocalOpensOnlyForAnAllowListedAddressNeverThroughANameEntry() throws Exception {
        resolver.map("meta.internal.test", "169.254.169.254").map("v6ll.example.test", "fe80::1");
        MediaUrlGuard names = guard(true, "metadata.example.test", "*.internal.test", "v6ll.example.test");
        for (String url : List.of("http://metadata.example.test/", "http://meta.internal.test/",
                "http://v6ll.example.test/")) {
            FetchTarget target = names.precheck(url);
            assertThatThrownBy(() -> names.vet(target, Duration.ofSeconds(5))).as(url)
                    .isInstanceOfSatisfying(MediaFetchException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.BLOCKED_ADDRESS);
                        assertThat(e.getMessage()).contains("link-local");
                    });
        }
        // the address itself, listed as an address and named in the URL, is the one way in (any spelling)
        MediaUrlGuard literal = guard(false, "169.254.10.20", "[fe80::7]");
        assertThat(catchCheck(literal, "http://169.254.10.20/")).isNull();
        assertThat(catchCheck(literal, "http://[::ffff:169.254.10.20]/")).isNull();
        assertThat(catchCheck(literal, "http://[fe80::7]/")).isNull();
        assertThat(literal.vet(literal.precheck("http://169.254.10.20/"), Duration.ofSeconds(5)))
                .containsExactly(MapResolver.literal("169.254.10.20"));
        assertThat(catchCheck(literal, "http://169.254.169.254/")).isNotNull();
        // a name resolving to a listed link-local address is still a name
        resolver.map("points-there.example.test", "169.254.10.20");
        FetchTarget named = literal.precheck("http://points-there.example.test/");
        assertThatThrownBy(() -> literal.vet(named, Duration.ofSeconds(5))).isInstanceOf(MediaFetchException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "*.", "a*.example.com", "10.0.0.0/8", "[zz::1]", "256.1.1.1"})
    void invalidAllowListEntriesStopTheStart(String entry) {
        assertThatThrownBy(() -> guard(false, entry))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MEDIA_ALLOWED_HOSTS");
    }

    private static MediaFetchException catchCheck(MediaUrlGuard guard, String url) {
        try {
            guard.check(url);
            return null;
        } catch (MediaFetchException e) {
            return e;
        }
    }
}

package com.wagateway.whatsapp.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.Node;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MediaConnectionsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void parsesAuthTtlAndHostsInOrder() {
        MediaConn conn = MediaConn.parse(FakeMediaSession.mediaConn("AUTH/x+y=", 300,
                List.of("mmg.whatsapp.net", "media-fra5-1.cdn.whatsapp.net"), Arrays.asList(104857600L, null)), T0);

        assertThat(conn.auth()).isEqualTo("AUTH/x+y=");
        assertThat(conn.ttl()).isEqualTo(Duration.ofSeconds(300));
        assertThat(conn.hosts()).containsExactly(new MediaConn.Host("mmg.whatsapp.net", 104857600L),
                new MediaConn.Host("media-fra5-1.cdn.whatsapp.net", 0));
        assertThat(conn.downloadHost()).isEqualTo("mmg.whatsapp.net");
        assertThat(conn.toString()).doesNotContain("AUTH");
    }

    @Test
    void refusesAnswersWithoutAuthTtlOrUsableHost() {
        assertThatThrownBy(() -> MediaConn.parse(Node.of("iq", Attributes.of("type", "result")), T0))
                .isInstanceOf(IllegalArgumentException.class);
        Node noAuth = Node.of("iq", Attributes.empty(), List.of(Node.of("media_conn", Attributes.of("ttl", "10"),
                List.of(Node.of("host", Attributes.of("hostname", "a.example"))))));
        assertThatThrownBy(() -> MediaConn.parse(noAuth, T0)).hasMessageContaining("auth");
        Node badTtl = Node.of("iq", Attributes.empty(), List.of(Node.of("media_conn",
                Attributes.of("auth", "x", "ttl", "soon"), List.of(Node.of("host", Attributes.of("hostname", "a"))))));
        assertThatThrownBy(() -> MediaConn.parse(badTtl, T0)).hasMessageContaining("ttl");
        // a hostname that would change the URL's meaning (path, credentials) is not a host
        Node evilHost = FakeMediaSession.mediaConn("x", 10, List.of("evil.example/path?", "u@h"), null);
        assertThatThrownBy(() -> MediaConn.parse(evilHost, T0)).hasMessageContaining("no usable host");
    }

    @Test
    void requestIsTheReferenceIq() {
        Node request = MediaConnections.request();
        assertThat(request.tag()).isEqualTo("iq");
        assertThat(request.attr("to")).isEqualTo("@s.whatsapp.net");
        assertThat(request.attr("type")).isEqualTo("set");
        assertThat(request.attr("xmlns")).isEqualTo("w:m");
        assertThat(request.children()).extracting(Node::tag).containsExactly("media_conn");
    }

    @Test
    void cachesUntilTheTtlRunsOutOnTheClientClock() {
        FakeMediaSession.MutableClock clock = new FakeMediaSession.MutableClock(T0);
        AtomicInteger queries = new AtomicInteger();
        MediaConnections connections = new MediaConnections(iq -> {
            queries.incrementAndGet();
            return CompletableFuture.completedFuture(FakeMediaSession.mediaConn("a" + queries.get(), 60,
                    List.of("h.example"), null));
        }, clock);

        MediaConn first = connections.get().join();
        assertThat(connections.get().join()).isSameAs(first);
        clock.advance(Duration.ofSeconds(59));
        assertThat(connections.get().join()).isSameAs(first);
        assertThat(queries).hasValue(1);

        clock.advance(Duration.ofSeconds(1));
        MediaConn second = connections.get().join();
        assertThat(second.auth()).isEqualTo("a2");
        assertThat(queries).hasValue(2);

        // every host failed with `second`: one refresh; a caller still holding `first` gets the newer answer
        MediaConn third = connections.refresh(second).join();
        assertThat(third.auth()).isEqualTo("a3");
        assertThat(connections.refresh(first).join()).isSameAs(third);
        assertThat(queries).hasValue(3);
    }

    @Test
    void sharesOneRequestAndRetriesAfterAFailure() {
        FakeMediaSession.MutableClock clock = new FakeMediaSession.MutableClock(T0);
        AtomicInteger queries = new AtomicInteger();
        CompletableFuture<Node> pending = new CompletableFuture<>();
        MediaConnections connections = new MediaConnections(iq -> {
            queries.incrementAndGet();
            return queries.get() == 1 ? pending : CompletableFuture.completedFuture(
                    FakeMediaSession.mediaConn("ok", 60, List.of("h.example"), null));
        }, clock);

        CompletableFuture<MediaConn> a = connections.get();
        CompletableFuture<MediaConn> b = connections.get();
        assertThat(queries).hasValue(1);
        pending.completeExceptionally(new IllegalStateException("iq timed out"));
        assertThat(a).isCompletedExceptionally();
        assertThat(b).isCompletedExceptionally();

        assertThat(connections.get().join().auth()).isEqualTo("ok");
        assertThat(queries).hasValue(2);
    }
}

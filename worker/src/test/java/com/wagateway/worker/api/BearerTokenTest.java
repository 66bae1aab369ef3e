package com.wagateway.worker.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BearerTokenTest {

    private final BearerToken token = BearerToken.configured("worker-secret-token");

    @Test
    void matchesOnlyTheExactToken() {
        assertThat(token.matches("worker-secret-token")).isTrue();
        assertThat(token.matches("worker-secret-tokem")).isFalse();          // last byte differs
        assertThat(token.matches("Worker-secret-token")).isFalse();          // first byte differs
        assertThat(token.matches("worker-secret-token ")).isFalse();         // longer
        assertThat(token.matches("worker-secret-toke")).isFalse();           // prefix
        assertThat(token.matches("worker-secret-tokenworker-secret-token")).isFalse();
        assertThat(token.matches("")).isFalse();
        assertThat(token.matches(null)).isFalse();
    }

    @Test
    void comparesUnicodeAsUtf8Bytes() {
        BearerToken unicode = BearerToken.configured("tökén-✓");
        assertThat(unicode.matches("tökén-✓")).isTrue();
        assertThat(unicode.matches("token-✓")).isFalse();
    }

    @Test
    void neverPrintsItselfAndRefusesEmpty() {
        assertThat(token.toString()).doesNotContain("worker-secret-token");
        assertThat(token.generated()).isFalse();
        assertThat(BearerToken.generated("x").generated()).isTrue();
        assertThatThrownBy(() -> BearerToken.configured("")).isInstanceOf(IllegalArgumentException.class);
    }
}

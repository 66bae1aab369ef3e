package com.wagateway.whatsapp.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link JsNumber} against what node (V8) returns for {@code +s} and {@code parseInt(s)} — the
 * expected values below were printed by node 22 — including the inputs that made the former
 * backtracking regular expression take half a minute. The time bound is a guard against
 * catastrophic complexity, not a performance target.
 */
class JsNumberTest {

    private static final double INF = Double.POSITIVE_INFINITY;
    private static final double NaN = Double.NaN;

    private record Row(String input, double unaryPlus, double parseInt) {
    }

    private static Row row(String input, double unaryPlus, double parseInt) {
        return new Row(input, unaryPlus, parseInt);
    }

    @Test
    void agreesWithV8AndStaysLinear() {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            List<Row> rows = List.of(
            row("", 0d, NaN),
            row(" ", 0d, NaN),
            row("0", 0d, 0d),
            row("7", 7d, 7d),
            row("007", 7d, 7d),
            row("1.5", 1.5e0, 1d),
            row(".5", 5e-1, NaN),
            row("5.", 5d, 5d),
            row(".", NaN, NaN),
            row("+", NaN, NaN),
            row("-", NaN, NaN),
            row("-1", -1d, -1d),
            row("+1", 1d, 1d),
            row("1e3", 1000d, 1d),
            row("1E+3", 1000d, 1d),
            row("1e-3", 1e-3, 1d),
            row("1e", NaN, 1d),
            row("e1", NaN, NaN),
            row("1e+", NaN, 1d),
            row("2.5e2", 250d, 2d),
            row("-.5e1", -5d, NaN),
            row("1.e2", 100d, 1d),
            row("Infinity", INF, NaN),
            row("-Infinity", -INF, NaN),
            row("+Infinity", INF, NaN),
            row("infinity", NaN, NaN),
            row("Infinityx", NaN, NaN),
            row("NaN", NaN, NaN),
            row("0x10", 16d, 16d),
            row("0X1f", 31d, 31d),
            row("0x", NaN, NaN),
            row("0xg", NaN, NaN),
            row("-0x10", NaN, -16d),
            row("+0x10", NaN, 16d),
            row("0o17", 15d, 0d),
            row("0O8", NaN, 0d),
            row("0b101", 5d, 0d),
            row("0b2", NaN, 0d),
            row("0b", NaN, 0d),
            row(" \t12\n", 12d, 12d),
            row("\u00a012\u2028", 12d, 12d),
            row("1_000", NaN, 1d),
            row("1,5", NaN, 1d),
            row("12abc", NaN, 12d),
            row("abc", NaN, NaN),
            row("1.2.3", NaN, 1d),
            row("4294967551", 4294967551d, 4294967551d),
            row("-257", -257d, -257d),
            row("1e400", INF, 1d),
            row("1e-400", 0d, 1d),
            row("256", 256d, 256d),
            row("0.9999", 9.999e-1, 0d),
            row("  0x1F  ", 31d, 31d),
            row("\ufeff5", 5d, 5d),
            row("10_1", NaN, 10d),
            row("_1", NaN, NaN),
            row("1_", NaN, 1d),
            row(" 0x10", 16d, 16d),
            row("0x10 ", 16d, 16d),
            row("\u0661\u0662", NaN, NaN),
            row("11111111111111111111", 1.111111111111111e19, 1.111111111111111e19),
            row("0x1p3", NaN, 1d),
            row("1d", NaN, 1d),
            row("1f", NaN, 1d),
            row("0x1.8", NaN, 1d),
            row("00x1", NaN, 0d),
            row("1e5x", NaN, 1d),
            row("0x" + "f".repeat(300), INF, INF),
            row("0x" + "f".repeat(256), INF, INF),
            row("0x1" + "0".repeat(255), 1.1235582092889474e307, 1.1235582092889474e307),
            row("0x" + "0".repeat(500) + "ff", 255d, 255d),
            row("0b" + "1".repeat(64), 1.8446744073709552e19, 0d),
            row("9".repeat(400), INF, INF),
            row("1".repeat(40000) + "x", NaN, INF),
            row("1".repeat(40000) + "." + "1".repeat(40000) + "e", NaN, INF),
            row("0x" + "f".repeat(100000), INF, INF),
            row("1".repeat(100000), INF, INF));
            for (Row r : rows) {
                String shown = r.input().length() > 40 ? r.input().substring(0, 40) + "…" : r.input();
                double plus = JsNumber.stringToNumber(r.input());
                double parsed = JsNumber.parseInt(r.input());
                // Double.compare: NaN equals NaN, 0.0 differs from -0.0
                assertThat(Double.compare(plus, r.unaryPlus())).as("+%s = %s", shown, plus).isZero();
                assertThat(Double.compare(parsed, r.parseInt())).as("parseInt(%s) = %s", shown, parsed).isZero();
            }
        });
    }

    @Test
    void lowByteIsToInt32AndFF() {
        assertThat(JsNumber.lowByte(NaN)).isZero();
        assertThat(JsNumber.lowByte(INF)).isZero();
        assertThat(JsNumber.lowByte(4294967551d)).isEqualTo(0xFF);
        assertThat(JsNumber.lowByte(-257)).isEqualTo(0xFF);
        assertThat(JsNumber.lowByte(1.5)).isEqualTo(1);
        assertThat(JsNumber.lowByte(0x1p70)).isZero();
    }
}

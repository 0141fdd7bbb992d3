package org.medialive.distributor.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogSafeTextTest {

    @Test
    void controlCharactersCannotForgeALine() {
        assertThat(LogSafeText.of("eve\r\n2026-01-01 INFO Login of \"admin\"")).doesNotContain("\n").doesNotContain("\r")
                .startsWith("eve??2026");
        assertThat(LogSafeText.of("a\u001b[31mred\u2028b\u202e")).isEqualTo("a?[31mred?b?");
    }

    @Test
    void longNamesAreCutAndQuotesCannotClose() {
        assertThat(LogSafeText.of("x".repeat(10_000))).hasSize(65).endsWith("…");
        assertThat(LogSafeText.quoted("a\"b")).isEqualTo("\"a'b\"");
        assertThat(LogSafeText.of(null)).isEmpty();
    }
}

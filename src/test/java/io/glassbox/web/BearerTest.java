package io.glassbox.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BearerTest {

    @Test
    void readsBearerTokensOnly() {
        assertThat(Bearer.token("Bearer abc-123")).isEqualTo("abc-123");
        assertThat(Bearer.token("bearer   abc ")).isEqualTo("abc");
        assertThat(Bearer.token("Basic YWxhZGRpbjpvcGVuc2VzYW1l")).isNull();
        assertThat(Bearer.token(null)).isNull();
    }
}

package io.glassbox.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OriginPolicyTest {

    private final OriginPolicy sameOriginOnly = new OriginPolicy(List.of());

    @Test
    void thePagesOwnOriginIsAllowed() {
        assertThat(sameOriginOnly.allows("http://localhost:8080", "localhost:8080")).isTrue();
        assertThat(sameOriginOnly.allows("https://lab.example.org", "lab.example.org")).isTrue();
        assertThat(sameOriginOnly.allows("http://LOCALHOST:8080/", "localhost:8080")).isTrue();
    }

    @Test
    void otherOriginsAreRefused() {
        assertThat(sameOriginOnly.allows("http://evil.example", "localhost:8080")).isFalse();
        assertThat(sameOriginOnly.allows("http://localhost:9999", "localhost:8080")).isFalse();
        assertThat(sameOriginOnly.allows("http://localhost:8080.evil.example", "localhost:8080")).isFalse();
        assertThat(sameOriginOnly.allows("null", "localhost:8080")).isFalse();
        assertThat(sameOriginOnly.allows("http://localhost:8080", null)).isFalse();
    }

    @Test
    void configuredOriginsAreAllowedToo() {
        OriginPolicy policy = new OriginPolicy(List.of("https://workshop.example.org/"));
        assertThat(policy.allows("https://workshop.example.org", "10.0.0.5:8080")).isTrue();
        assertThat(policy.allows("http://workshop.example.org", "10.0.0.5:8080")).isFalse();
    }

    @Test
    void clientsThatAreNotBrowserPagesSendNoOriginAndGoOnToTheTokenCheck() {
        assertThat(sameOriginOnly.allows(null, "localhost:8080")).isTrue();
    }
}

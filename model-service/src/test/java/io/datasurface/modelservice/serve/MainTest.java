package io.datasurface.modelservice.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasurface.modelservice.Main;
import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void onlyServeOpensTheHttpListener() {
        assertThat(Main.servesHttp("serve")).isTrue();
        assertThat(Main.servesHttp("lint", "examples/acme")).isFalse();
        assertThat(Main.servesHttp("check", "--help")).isFalse();
        assertThat(Main.servesHttp()).isFalse();
        assertThat(Main.servesHttp("serve", "--help")).isFalse();
    }
}

package io.datasurface.renderservice.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasurface.renderservice.Main;
import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void onlyServeOpensTheHttpListener() {
        assertThat(Main.servesHttp("serve")).isTrue();
        assertThat(Main.servesHttp("render", "--model", "m", "--platform", "P", "--out", "o")).isFalse();
        assertThat(Main.servesHttp()).isFalse();
        assertThat(Main.servesHttp("serve", "--help")).isFalse();
    }
}

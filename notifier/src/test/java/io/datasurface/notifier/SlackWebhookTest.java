package io.datasurface.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SlackWebhookTest {
    private final SlackStandIn slack = new SlackStandIn();
    private final SlackWebhook webhook = new SlackWebhook(slack.url(), "of credential slack-webhook", Duration.ofSeconds(5));

    @AfterEach
    void close() {
        slack.close();
    }

    @Test
    void twoHundredIsAccepted() throws Exception {
        assertThat(webhook.post("{\"text\":\"hi\"}")).isEqualTo(new SlackWebhook.Accepted());
        assertThat(slack.calls()).singleElement().extracting(SlackStandIn.Call::body).isEqualTo("{\"text\":\"hi\"}");
    }

    @Test
    void fourTwentyNineCarriesRetryAfter() throws Exception {
        slack.script(SlackStandIn.Answer.rateLimited(3));

        assertThat(webhook.post("{}")).isEqualTo(new SlackWebhook.RateLimited(Optional.of(Duration.ofSeconds(3))));
    }

    @Test
    void fiveHundredIsAServerError() throws Exception {
        slack.script(SlackStandIn.Answer.status(503));

        assertThat(webhook.post("{}")).isEqualTo(new SlackWebhook.ServerError(503));
    }

    @Test
    void fourHundredIsARejectionWithSlacksErrorCode() throws Exception {
        slack.refuse("bad");

        assertThat(webhook.post("{\"bad\":1}")).isEqualTo(new SlackWebhook.Rejected(400, "invalid_blocks"));
    }

    @Test
    void aClosedPortIsUnreachableAndTheReasonDoesNotShowTheUrl() throws Exception {
        slack.down();

        SlackWebhook.Outcome outcome = webhook.post("{}");

        assertThat(outcome).isInstanceOf(SlackWebhook.Unreachable.class);
        assertThat(((SlackWebhook.Unreachable) outcome).reason()).doesNotContain(SlackStandIn.SECRET_PATH, "s3cr3t");
        assertThat(webhook.toString()).doesNotContain("s3cr3t", "127.0.0.1");
    }
}

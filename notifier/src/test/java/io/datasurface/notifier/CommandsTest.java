package io.datasurface.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasurface.events.CloudEvents;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@QuarkusMainTest
class CommandsTest {
    private static final String MODEL = "../examples/minimal";
    private static final String WEBHOOK_VARIABLE = "SLACK_WEBHOOK_TOKEN";

    @TempDir
    Path dir;

    @AfterEach
    void clear() {
        TestEnvironment.clear(WEBHOOK_VARIABLE);
    }

    @Test
    void helpExitsZeroOnEveryCommand(QuarkusMainLauncher launcher) {
        for (String command : List.of("serve", "preview")) {
            LaunchResult result = launcher.launch(command, "--help");
            assertThat(result.exitCode()).as(command + " --help").isZero();
            assertThat(result.getOutput()).as(command + " --help").contains("Usage:");
        }
        assertThat(launcher.launch("--help").exitCode()).isZero();
    }

    @Test
    void serveWithoutTheWebhookVariableIsUnusableInputNamingIt(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("serve", "--model", MODEL, "--platform", "Prod");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.getErrorOutput()).contains(WEBHOOK_VARIABLE, "slack-webhook");
    }

    @Test
    void aWebhookThatIsNotAUrlIsRefusedWithoutShowingIt(QuarkusMainLauncher launcher) {
        TestEnvironment.set(WEBHOOK_VARIABLE, "hooks.slack.com/services/T1/B1/s3cr3t");

        LaunchResult result = launcher.launch("serve", "--model", MODEL, "--platform", "Prod");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.getErrorOutput()).contains(WEBHOOK_VARIABLE, "not shown").doesNotContain("s3cr3t");
    }

    @Test
    void previewPrintsTheWebhookBodyOfEachEvent(QuarkusMainLauncher launcher) throws Exception {
        Path events = dir.resolve("events.jsonl");
        Files.write(events, ExampleEvents.ALL.stream().map(e -> CloudEvents.toJson(e, "/test")).toList());

        LaunchResult result = launcher.launch("preview", events.toString(), "--channel", "#ops");

        assertThat(result.exitCode()).isZero();
        assertThat(result.getOutput()).contains("\"channel\" : \"#ops\"", "Merge failed: shop_db.customers", "kubectl create secret generic pg-main");
    }

    @Test
    void previewOfSomethingElseIsUnusableInput(QuarkusMainLauncher launcher) throws Exception {
        Path events = dir.resolve("events.jsonl");
        Files.writeString(events, "{\"specversion\":\"1.0\",\"type\":\"com.example.other\"}\n");

        LaunchResult result = launcher.launch("preview", events.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.getErrorOutput()).contains("com.example.other");
    }
}

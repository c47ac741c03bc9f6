package io.datasurface.renderservice;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasurface.render.PlatformSecrets;
import io.datasurface.render.RequiredSecret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** check-credentials against fabric8's mock Kubernetes API server in CRUD mode. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class CredentialCheckTest {
    private static final String NAMESPACE = "datasurface";

    @Inject
    KubernetesClient client;

    @Inject
    CommandLine.IFactory factory;

    @BeforeEach
    void createEverySecret() {
        client.secrets().inNamespace(NAMESPACE).delete();
        for (RequiredSecret required : PlatformSecrets.required(Acme.graph().platform())) {
            Map<String, String> data = new LinkedHashMap<>();
            required.keys().forEach(k -> data.put(k, Base64.getEncoder().encodeToString(("value-of-" + k).getBytes())));
            client.secrets().inNamespace(NAMESPACE).resource(new SecretBuilder().withNewMetadata().withName(required.name())
                    .withNamespace(NAMESPACE).endMetadata().withData(data).build()).create();
        }
    }

    @Test
    void allSecretsAndKeysPresentExitsZero() {
        Run run = checkCredentials();
        assertThat(run.exitCode).as(run.out + run.err).isZero();
        assertThat(run.out).contains("0 missing").doesNotContain("missing:");
    }

    @Test
    void aMissingSecretIsListedAndExitsOne() {
        client.secrets().inNamespace(NAMESPACE).withName("git-model").delete();
        Run run = checkCredentials();
        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.out).contains("missing: secret git-model does not exist").contains("1 missing");
    }

    @Test
    void aMissingKeyIsListedAndExitsOneWithoutPrintingAnyValue() {
        client.secrets().inNamespace(NAMESPACE).withName("pg-main").edit(s -> new SecretBuilder(s)
                .withData(Map.of("user", Base64.getEncoder().encodeToString("value-of-user".getBytes()))).build());
        Run run = checkCredentials();
        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.out).contains("missing: secret pg-main has no key 'password'").contains("1 missing");
        assertThat(run.out + run.err).doesNotContain("value-of").doesNotContain("dmFsdWUtb2");
    }

    @Test
    void renderWithCheckCredentialsWritesTheFilesThenExitsOneForAMissingSecret(@TempDir Path dir) {
        client.secrets().inNamespace(NAMESPACE).withName("slack-webhook").delete();
        Run run = run("render", "--model", Acme.MODEL.toString(), "--platform", Acme.PLATFORM, "--out", dir.toString(), "--check-credentials");
        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.out).contains("missing: secret slack-webhook does not exist");
        assertThat(dir.resolve("dags/prod_system.py")).exists();
    }

    private record Run(int exitCode, String out, String err) {
    }

    private Run checkCredentials() {
        return run("check-credentials", "--model", Acme.MODEL.toString(), "--platform", Acme.PLATFORM);
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(RenderServiceCommand.class, factory);
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int exitCode = command.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }
}

package io.datasurface.render.service;

import io.datasurface.render.PlatformSecrets;
import io.datasurface.render.RequiredSecret;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "check-credentials", description = "Asks the Kubernetes API (in-cluster configuration or kubeconfig) whether every secret "
        + "and key the platform needs exists in its namespace and lists the missing ones. Exit 0 when all exist, 1 when any is missing, "
        + "2 for unusable input or an unreachable API.")
public class CheckCredentialsCommand implements Callable<Integer> {

    @Mixin
    PlatformOptions options;

    @Spec
    CommandSpec spec;

    @Inject
    RenderConfig config;

    @Inject
    CredentialCheck check;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PlatformOptions.Loaded loaded = options.load(config.settings(), err);
        if (loaded instanceof PlatformOptions.Loaded.Failed failed) {
            return failed.exitCode();
        }
        var platform = ((PlatformOptions.Loaded.Ready) loaded).request().graph().platform();
        List<RequiredSecret> required = PlatformSecrets.required(platform);
        List<CredentialCheck.Missing> missing;
        try {
            missing = check.missing(platform.namespace(), required);
        } catch (KubernetesClientException e) {
            String reason = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
            err.println("error: cannot read secrets in namespace " + platform.namespace() + " (HTTP " + e.getCode() + "): " + reason
                    + "; check the kubeconfig or the service account's right to get secrets");
            return ExitCodes.UNUSABLE;
        }
        for (CredentialCheck.Missing m : missing) {
            out.println("missing: " + m);
        }
        int keys = required.stream().mapToInt(r -> r.keys().size()).sum();
        out.println("namespace " + platform.namespace() + ": " + required.size() + " secret(s) with " + keys + " key(s) needed, "
                + missing.size() + " missing");
        if (!missing.isEmpty()) {
            out.println("create them as listed in bootstrap/SECRETS.md (render-service bootstrap writes it), then check again");
            return ExitCodes.REJECTED;
        }
        return ExitCodes.OK;
    }
}

package io.datasurface.renderservice;

import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "check-credentials", mixinStandardHelpOptions = true, description = "Asks the Kubernetes API (in-cluster configuration or kubeconfig) whether every secret "
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
        return check.report(((PlatformOptions.Loaded.Ready) loaded).request().graph().platform(), out, err);
    }
}

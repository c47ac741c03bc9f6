package io.datasurface.notifier;

import io.datasurface.cli.JobEnvironment;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** The process environment, where Kubernetes puts the credentials; a bean so that tests can stand in for it. */
@ApplicationScoped
public class Environment {
    public static final String KAFKA_BOOTSTRAP_SERVERS = JobEnvironment.KAFKA_BOOTSTRAP_SERVERS;

    public Optional<String> get(String name) {
        return Optional.ofNullable(System.getenv(name));
    }
}

package io.datasurface.merge;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** The process environment, where Kubernetes puts the credentials; a bean so that tests can stand in for it. */
@ApplicationScoped
public class Environment {
    /** Overrides the model's PostgreSQL host, port and database, so the same model runs locally and in the cluster. */
    public static final String JDBC_URL = "DATASURFACE_JDBC_URL";
    /** Overrides the model's Kafka bootstrap servers for events; {@code none} turns event publishing off. */
    public static final String KAFKA_BOOTSTRAP_SERVERS = "DATASURFACE_KAFKA_BOOTSTRAP_SERVERS";

    public Optional<String> get(String name) {
        return Optional.ofNullable(System.getenv(name));
    }
}

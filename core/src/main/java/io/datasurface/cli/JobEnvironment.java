package io.datasurface.cli;

/**
 * Environment variables a platform job reads besides its credentials: how the same model runs in
 * the cluster and on one machine (the local platform sets them for the merge-worker it starts).
 */
public final class JobEnvironment {
    /** Overrides the model's PostgreSQL host, port and database. */
    public static final String JDBC_URL = "DATASURFACE_JDBC_URL";
    /** Overrides the model's Kafka bootstrap servers for events; {@code none} turns event publishing off. */
    public static final String KAFKA_BOOTSTRAP_SERVERS = "DATASURFACE_KAFKA_BOOTSTRAP_SERVERS";

    private JobEnvironment() {
    }
}

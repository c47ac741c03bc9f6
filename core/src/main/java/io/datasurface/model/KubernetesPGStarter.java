package io.datasurface.model;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/**
 * The Kubernetes PostgreSQL starter platform: Kafka CDC topics are written into Postgres staging
 * tables by Kafka Connect, then merged on a schedule by Airflow-launched merge-worker pods.
 */
public record KubernetesPGStarter(String name, Documentation documentation, String namespace, Postgres postgres,
        Kafka kafka, Service kafkaConnect, Service airflow, String mergeImage, Credential gitCredential, Slack slack,
        Duration mergeInterval, TableRetention retention) implements DataPlatform {

    public static final String KIND = "KubernetesPGStarter";
    public static final Duration DEFAULT_MERGE_INTERVAL = Duration.ofMinutes(5);

    public KubernetesPGStarter {
        requireNonNull(name, "name is null");
        requireNonNull(documentation, "documentation is null");
        requireNonNull(namespace, "namespace is null");
        requireNonNull(postgres, "postgres is null");
        requireNonNull(kafka, "kafka is null");
        requireNonNull(kafkaConnect, "kafkaConnect is null");
        requireNonNull(airflow, "airflow is null");
        requireNonNull(mergeImage, "mergeImage is null");
        requireNonNull(gitCredential, "gitCredential is null");
        requireNonNull(slack, "slack is null");
        requireNonNull(mergeInterval, "mergeInterval is null");
        requireNonNull(retention, "retention is null");
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public CredentialStore credentialStore() {
        return new CredentialStore.KubernetesSecrets();
    }

    @Override
    public List<Credential> credentials() {
        return List.of(postgres.credential(), kafkaConnect.credential(), airflow.credential(), gitCredential, slack.credential());
    }

    @Override
    public boolean supportsCapture(CaptureMetaData capture) {
        return capture instanceof CaptureMetaData.DebeziumKafka;
    }

    /** The platform's own database, holding staging, merge, batch-state and metrics tables. */
    /** A credential the platform uses for one job, and the kind that job needs it to be. */
    public record CredentialRole(String role, Credential credential, CredentialKind expected) {
        public CredentialRole {
            requireNonNull(role, "role is null");
            requireNonNull(credential, "credential is null");
            requireNonNull(expected, "expected is null");
        }
    }

    /**
     * Each credential by what it is used for: PostgreSQL needs a user and a password (the jobs and the
     * sinks log in with both), the other services and git-sync a token (git-sync's password is the token).
     */
    public List<CredentialRole> credentialRoles() {
        return List.of(new CredentialRole("postgres", postgres.credential(), CredentialKind.USER_PASSWORD),
                new CredentialRole("kafkaConnect", kafkaConnect.credential(), CredentialKind.TOKEN),
                new CredentialRole("airflow", airflow.credential(), CredentialKind.TOKEN),
                new CredentialRole("git", gitCredential, CredentialKind.TOKEN),
                new CredentialRole("slack", slack.credential(), CredentialKind.TOKEN));
    }

    public record Postgres(String host, int port, String database, Credential credential) {
        /** The port of a platform whose model gives none. */
        public static final int DEFAULT_PORT = 5432;

        public Postgres {
            requireNonNull(host, "host is null");
            requireNonNull(database, "database is null");
            requireNonNull(credential, "credential is null");
        }
    }

    public record Kafka(String bootstrapServers) {
        public Kafka {
            requireNonNull(bootstrapServers, "bootstrapServers is null");
        }
    }

    /** A component of the platform reached by name, with the credential to call it. */
    public record Service(String name, Credential credential) {
        public Service {
            requireNonNull(name, "name is null");
            requireNonNull(credential, "credential is null");
        }
    }

    public record Slack(String channel, Credential credential) {
        public Slack {
            requireNonNull(channel, "channel is null");
            requireNonNull(credential, "credential is null");
        }
    }

    /**
     * What happens to data the platform no longer needs: consumed staging rows and tables no
     * batch-stream uses any more are archived or dropped; unused tables only after a grace period,
     * so that reverting the model loses nothing.
     */
    public record TableRetention(boolean archiveStagingRows, boolean archiveRemovedTables, Duration unusedTableGracePeriod) {
        public static final TableRetention DEFAULT = new TableRetention(false, false, Duration.ofDays(7));

        public TableRetention {
            requireNonNull(unusedTableGracePeriod, "unusedTableGracePeriod is null");
        }
    }
}

package io.datasurface.kpsg;

import static java.util.Objects.requireNonNull;

import io.datasurface.cli.JobEnvironment;
import io.datasurface.cli.UnusableInputException;
import io.datasurface.model.CredentialStore;
import io.datasurface.model.KubernetesPGStarter;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * Where a platform job finds the platform's PostgreSQL and how it logs in: host, port and database
 * from the model, or {@link JobEnvironment#JDBC_URL} when set (the same model then runs locally);
 * user and password only from the environment variables the Kubernetes credential store exposes.
 * Every job that reads or writes the platform tables resolves its login here.
 */
public record PlatformLogin(String jdbcUrl, String user, String password) {
    public PlatformLogin {
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
    }

    /** @throws UnusableInputException when the URL is not PostgreSQL's or a credential variable is missing, before any connection */
    public static PlatformLogin resolve(KubernetesPGStarter platform, Function<String, Optional<String>> environment)
            throws UnusableInputException {
        KubernetesPGStarter.Postgres pg = platform.postgres();
        String url = environment.apply(JobEnvironment.JDBC_URL).filter(u -> !u.isBlank())
                .orElse("jdbc:postgresql://" + pg.host() + ":" + pg.port() + "/" + pg.database());
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new UnusableInputException(JobEnvironment.JDBC_URL + " must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database)");
        }
        String prefix = CredentialStore.KubernetesSecrets.environmentPrefix(pg.credential().name());
        return new PlatformLogin(url, required(environment, prefix + "_USER", pg.credential().name()),
                required(environment, prefix + "_PASSWORD", pg.credential().name()));
    }

    private static String required(Function<String, Optional<String>> environment, String variable, String credential)
            throws UnusableInputException {
        return environment.apply(variable).orElseThrow(() -> new UnusableInputException("environment variable " + variable
                + " is not set: expose the Kubernetes secret of credential '" + credential + "' to the pod (keys USER and PASSWORD)"));
    }

    /**
     * The PostgreSQL driver's connection properties for this login: user, password, the job's name as the
     * session's application name (so operators see in pg_stat_activity who holds a lock) and a connect timeout.
     */
    public Properties connectionProperties(String applicationName) {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("ApplicationName", applicationName);
        properties.setProperty("connectTimeout", "10");
        return properties;
    }

    /** Never the password: a login ends up in logs and exception messages. */
    @Override
    public String toString() {
        return "PlatformLogin[" + jdbcUrl + " as " + user + "]";
    }
}

package io.datasurface.render.k8s;

import io.datasurface.model.KubernetesPGStarter;
import io.datasurface.render.KubernetesNames;
import io.datasurface.render.PlatformSecrets;
import io.datasurface.render.RenderRequest;
import io.datasurface.render.RenderSettings;
import io.datasurface.render.RenderedFile;
import io.datasurface.render.RequiredSecret;
import io.datasurface.render.SecretKeyRef;
import io.datasurface.render.Templates;
import io.datasurface.render.airflow.AirflowDags;
import java.util.List;
import java.util.Locale;

/**
 * The Kubernetes objects a platform needs before its first DAG runs: the namespace, its own
 * Postgres, Airflow (scheduler and web server, allowed to launch pods in the namespace), Kafka
 * Connect with the Debezium JDBC sink, and a NetworkPolicy that admits only the namespace's own pods. The REST APIs of
 * Kafka Connect and Airflow accept only the user {@link PlatformSecrets#API_USER} with their credential's token.
 * Secrets are referenced, never created; the checklist says which ones the user creates.
 */
public final class Bootstrap {
    public static final String YAML = "bootstrap/kubernetes.yaml";
    public static final String CHECKLIST = "bootstrap/SECRETS.md";
    /** Airflow reads the DAGs the system DAG's renderer writes into the shared claim. */
    public static final String AIRFLOW_RENDERED_PATH = "/opt/airflow/rendered";

    private Bootstrap() {
    }

    public record Component(String name, List<Label> labels, List<Label> selector) {
    }

    public record Label(String key, String value) {
    }

    public record View(String platform, String namespace, String instance, List<Label> namespaceLabels, Component postgres,
            Component airflowScheduler, Component airflowWebserver, Component airflowService, Component connect,
            String postgresDatabase, int postgresPort, SecretKeyRef pgUser, SecretKeyRef pgPassword, String airflowDatabase,
            String kafkaBootstrapServers, String connectGroup, String airflowDagsFolder, String airflowRenderedPath,
            String renderedClaim, String renderServiceAccount, String jobServiceAccount, String webserverSecret,
            String webserverSecretKey, String apiUser, SecretKeyRef connectToken, SecretKeyRef airflowToken, RenderSettings settings,
            List<RequiredSecret> secrets) {
    }

    public static List<RenderedFile> render(RenderRequest request) {
        View view = view(request);
        return List.of(new RenderedFile(YAML, Templates.render(Templates.get("k8s/bootstrap.yaml"), "v", view)),
                new RenderedFile(CHECKLIST, Templates.render(Templates.get("k8s/secrets.md"), "v", view)));
    }

    public static View view(RenderRequest request) {
        KubernetesPGStarter platform = request.graph().platform();
        String instance = AirflowDags.instance(request.graph());
        List<SecretKeyRef> pg = PlatformSecrets.env(platform.postgres().credential());
        String airflow = KubernetesNames.dnsLabel(platform.airflow().name(), 40);
        return new View(platform.name(), platform.namespace(), instance,
                List.of(new Label("app.kubernetes.io/part-of", "datasurface"), new Label("app.kubernetes.io/instance", instance),
                        new Label("app.kubernetes.io/managed-by", "datasurface-render-service")),
                component(postgresService(platform), "postgres", "database", instance),
                component(airflow + "-scheduler", "airflow", "scheduler", instance),
                component(airflow + "-webserver", "airflow", "webserver", instance),
                component(airflow, "airflow", "webserver", instance),
                component(KubernetesNames.dnsLabel(platform.kafkaConnect().name(), 63), "kafka-connect", "connect", instance),
                platform.postgres().database(), platform.postgres().port(), pg.get(0), pg.get(1), "airflow",
                platform.kafka().bootstrapServers(), "datasurface-" + instance + "-connect",
                AIRFLOW_RENDERED_PATH + "/" + AirflowDags.FOLDER, AIRFLOW_RENDERED_PATH, AirflowDags.RENDERED_CLAIM,
                AirflowDags.RENDER_SERVICE_ACCOUNT, AirflowDags.JOB_SERVICE_ACCOUNT, PlatformSecrets.AIRFLOW_WEBSERVER_SECRET,
                PlatformSecrets.AIRFLOW_WEBSERVER_KEY, PlatformSecrets.API_USER, PlatformSecrets.env(platform.kafkaConnect().credential()).get(0),
                PlatformSecrets.env(platform.airflow().credential()).get(0), request.settings(), PlatformSecrets.required(platform));
    }

    /** The Service name the model's Postgres host points at: its first DNS label ("pg" for pg.datasurface.svc). */
    public static String postgresService(KubernetesPGStarter platform) {
        String host = platform.postgres().host();
        int dot = host.indexOf('.');
        return KubernetesNames.dnsLabel((dot < 0 ? host : host.substring(0, dot)).toLowerCase(Locale.ENGLISH), 63);
    }

    private static Component component(String name, String app, String component, String instance) {
        List<Label> selector = List.of(new Label("app.kubernetes.io/name", app), new Label("app.kubernetes.io/instance", instance),
                new Label("app.kubernetes.io/component", component));
        List<Label> labels = List.of(selector.get(0), selector.get(1), selector.get(2), new Label("app.kubernetes.io/part-of", "datasurface"),
                new Label("app.kubernetes.io/managed-by", "datasurface-render-service"));
        return new Component(name, labels, selector);
    }
}

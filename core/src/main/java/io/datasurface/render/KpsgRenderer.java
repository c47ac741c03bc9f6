package io.datasurface.render;

import io.datasurface.kpsg.graphfile.GraphFile;
import io.datasurface.kpsg.graphfile.GraphFiles;
import io.datasurface.render.airflow.AirflowDags;
import io.datasurface.render.connect.SinkConnectors;
import io.datasurface.render.k8s.Bootstrap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Renders what a KubernetesPGStarter platform runs, as pure functions of the request: the same
 * graph and settings always give the same files with the same bytes, sorted by path.
 */
public final class KpsgRenderer {
    private KpsgRenderer() {
    }

    /**
     * The Airflow DAGs (one per batch-stream, plus the system DAG), the graph file their jobs read, and the Kafka Connect
     * sinks as Terraform and JSON.
     */
    public static List<RenderedFile> render(RenderRequest request) {
        List<RenderedFile> files = new ArrayList<>(AirflowDags.render(request));
        files.add(graphFile(request));
        files.addAll(SinkConnectors.render(request));
        return sorted(files);
    }

    /** The platform's graph file for the request's commit, at {@link GraphFiles#path}. */
    public static RenderedFile graphFile(RenderRequest request) {
        return new RenderedFile(GraphFiles.path(request.graph().schema()), GraphFiles.toJson(new GraphFile(request.commit(), request.graph())));
    }

    /** The bootstrap Kubernetes YAML and the checklist of secrets to create. */
    public static List<RenderedFile> bootstrap(RenderRequest request) {
        return sorted(Bootstrap.render(request));
    }

    private static List<RenderedFile> sorted(List<RenderedFile> files) {
        Set<String> paths = new HashSet<>();
        for (RenderedFile file : files) {
            if (!paths.add(file.path())) {
                throw new IllegalStateException("two rendered files share the path " + file.path());
            }
        }
        List<RenderedFile> copy = new ArrayList<>(files);
        copy.sort(Comparator.comparing(RenderedFile::path));
        return List.copyOf(copy);
    }
}

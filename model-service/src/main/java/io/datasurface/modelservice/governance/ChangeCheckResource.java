package io.datasurface.modelservice.governance;

import io.datasurface.cli.UnusableInputException;
import io.datasurface.governance.Repositories;
import io.datasurface.model.Repository;
import io.datasurface.modelservice.serve.ModelServiceConfig;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The change check for a git host's webhook or a CI job: the same answer as
 * {@code model-service check --format json}. A rejected change is a normal answer (200 with
 * {@code accepted: false}); 400 means the request is malformed, 422 that it names a repository,
 * ref or model that cannot be used, 403 that the repository is outside {@value #ROOT_SETTING}.
 */
@Path("/api/changes/check")
public class ChangeCheckResource {
    static final String ROOT_SETTING = "datasurface.check.repository-root";

    @Inject
    ModelServiceConfig config;

    /** The request body; {@code modelPath} is optional; {@code publish} also sends ChangeAccepted or ChangeRejected to the events topic. */
    public record CheckRequest(String repoDir, String base, String head, String source, String modelPath, Boolean publish) {
    }

    @Inject
    ChangeEvents events;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response check(CheckRequest request) {
        if (request == null) {
            return error(400, List.of("send a JSON body {\"repoDir\", \"base\", \"head\", \"source\"} with optional \"modelPath\""));
        }
        List<String> missing = new ArrayList<>();
        require(request.repoDir(), "repoDir: the path of a clone of the model repository on the service's machine", missing);
        require(request.base(), "base: the live model's ref, e.g. main", missing);
        require(request.head(), "head: the proposed model's ref or commit", missing);
        require(request.source(), "source: the proposing repository as URL@BRANCH", missing);
        if (!missing.isEmpty()) {
            return error(400, missing.stream().map(m -> "missing " + m).toList());
        }
        Optional<String> outside = outsideRoot(java.nio.file.Path.of(request.repoDir()));
        if (outside.isPresent()) {
            return error(403, List.of(outside.get()));
        }
        Repository source;
        try {
            source = Repositories.parse(request.source());
        } catch (IllegalArgumentException e) {
            return error(400, List.of(e.getMessage()));
        }
        try {
            ChangeCheckRunner.Result result = ChangeCheckRunner.check(java.nio.file.Path.of(request.repoDir()), request.base(), request.head(),
                    source, Optional.ofNullable(request.modelPath()).filter(p -> !p.isBlank()));
            Map<String, Object> answer = CheckReport.json(result);
            if (Boolean.TRUE.equals(request.publish())) {
                answer = new java.util.LinkedHashMap<>(answer);
                answer.put("published", events.publish(result));
            }
            return Response.ok(answer).build();
        } catch (UnusableInputException e) {
            return error(422, List.of(e.getMessage()));
        }
    }

    /** Why the folder may not be read, when it is outside the configured root (links resolved, so none leads out). */
    private Optional<String> outsideRoot(java.nio.file.Path repoDir) {
        Optional<java.nio.file.Path> root = config.check().repositoryRoot();
        if (root.isEmpty()) {
            return Optional.of("this service reads no repositories: set " + ROOT_SETTING + " to the folder that holds the clones it may check");
        }
        java.nio.file.Path folder = realOrNormal(repoDir);
        if (!folder.startsWith(realOrNormal(root.get()))) {
            return Optional.of("repository " + repoDir + " is outside " + root.get() + " (" + ROOT_SETTING
                    + "): clone it under that folder, or change the setting");
        }
        return Optional.empty();
    }

    private static java.nio.file.Path realOrNormal(java.nio.file.Path path) {
        try {
            return path.toRealPath();
        } catch (java.io.IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    private static void require(String value, String what, List<String> missing) {
        if (value == null || value.isBlank()) {
            missing.add(what);
        }
    }

    private static Response error(int status, List<String> errors) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("errors", errors)).build();
    }
}

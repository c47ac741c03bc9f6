package io.datasurface.modelservice.serve;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * The git host's push webhook: whatever it sends, the live branch is fetched at once. The body is not trusted or read,
 * since the fetch itself says what is on the branch.
 */
@Path("/api/hooks/git")
public class GitHookResource {

    @Inject
    ModelWatcher watcher;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response push() {
        if (!watcher.pollSoon()) {
            return Response.status(503).entity(Map.of("errors", java.util.List.of("the live branch is not being watched: run model-service serve")))
                    .build();
        }
        return Response.accepted(Map.of("polling", true)).build();
    }
}

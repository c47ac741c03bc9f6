package io.datasurface.modelservice.governance;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ChangeCheckResourceTest {

    @Test
    void rejectedChangeIsAnAnswerWithEveryViolation() {
        try (TestingModelRepository repo = TestingModelRepository.withAcme("")) {
            String base = repo.commit("nothing");
            String head = repo.edit("zones/USA/teams/sales.yaml", "{name: email, type: varchar(200), nullable: true}",
                    "{name: email, type: varchar(200)}").commit("marketing edits sales");
            given().contentType("application/json")
                    .body(Map.of("repoDir", repo.dir().toString(), "base", base, "head", head, "source", "https://github.com/acme/marketing-data.git@main"))
                    .post("/api/changes/check")
                    .then().statusCode(200)
                    .body("accepted", equalTo(false))
                    .body("head", equalTo(head))
                    .body("violations.rule", hasItem("ownership"))
                    .body("violations.rule", hasItem("schema"))
                    .body("violations[0].path", equalTo("zone USA / team sales / datastore customer_db / dataset customers / column email"))
                    .body("violations[0].owner", equalTo("https://github.com/acme/sales-data.git@main"))
                    .body("violations[0].tried", equalTo("https://github.com/acme/marketing-data.git@main"));
        }
    }

    @Test
    void missingFieldsAreA400NamingEachField() {
        given().contentType("application/json").body(Map.of("repoDir", "/tmp", "source", "https://github.com/acme/sales-data.git"))
                .post("/api/changes/check")
                .then().statusCode(400)
                .body("errors", hasItem(containsString("missing base")))
                .body("errors", hasItem(containsString("missing head")));
    }

    @Test
    void unknownRepositoryIsA422() {
        given().contentType("application/json")
                .body(Map.of("repoDir", System.getProperty("java.io.tmpdir") + "/nonexistent-model", "base", "main", "head", "main", "source", "https://github.com/acme/sales-data.git@main"))
                .post("/api/changes/check")
                .then().statusCode(422)
                .body("errors[0]", containsString("does not exist"));
    }

    @Test
    void repositoryOutsideTheRootIsA403NamingTheSetting() {
        given().contentType("application/json")
                .body(Map.of("repoDir", "/etc", "base", "main", "head", "main", "source", "https://github.com/acme/sales-data.git@main"))
                .post("/api/changes/check")
                .then().statusCode(403)
                .body("errors[0]", containsString("datasurface.check.repository-root"));
    }

    @Test
    void linkOutOfTheRootIsA403() throws Exception {
        java.nio.file.Path link = java.nio.file.Files.createTempDirectory("ds-link").resolve("etc");
        java.nio.file.Files.createSymbolicLink(link, java.nio.file.Path.of("/etc"));
        given().contentType("application/json")
                .body(Map.of("repoDir", link.toString(), "base", "main", "head", "main", "source", "https://github.com/acme/sales-data.git@main"))
                .post("/api/changes/check")
                .then().statusCode(403);
    }
}

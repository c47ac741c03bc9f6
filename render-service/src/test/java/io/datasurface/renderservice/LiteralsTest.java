package io.datasurface.renderservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasurface.model.Repository;
import io.datasurface.render.Literals;
import io.datasurface.render.RenderRequest;
import io.datasurface.render.airflow.AirflowDags;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Values from the model reach the generated files only as literals that mean exactly the value. */
class LiteralsTest {
    private static final String HOSTILE = "https://git.example/\"model\"\\\n')]; import os #${x} %{y} \u0007 é";

    @Test
    void aHostileValueStaysOneStringInPython(@TempDir Path dir) throws IOException {
        assumeTrue(Python.available(), "python3 is not installed");
        RenderRequest acme = Acme.request();
        RenderRequest request = new RenderRequest(acme.graph(), acme.commit(), new Repository(HOSTILE, "main"), acme.settings());
        List<Path> dags = Python.writeDags(AirflowDags.render(request), dir);
        List<String> command = new ArrayList<>(List.of("python3",
                Path.of("src", "test", "resources", "airflow-stub", "read_dags.py").toAbsolutePath().toString()));
        dags.forEach(p -> command.add(p.toString()));
        Python.Result result = Python.run(command, dir);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        int clones = 0;
        for (JsonNode dag : new ObjectMapper().readTree(result.stdout())) {
            for (JsonNode task : dag.get("tasks")) {
                if (task.has("init_containers")) {
                    assertThat(task.get("init_containers").get(0).get("args").get(0).asText()).isEqualTo("--repo=" + HOSTILE);
                    clones++;
                }
            }
        }
        assertThat(clones).as("the renderer's pod clones the model").isEqualTo(1);
    }

    @Test
    void aHostileValueStaysOneJsonString() throws IOException {
        assertThat(new ObjectMapper().readTree(Literals.quoted(HOSTILE)).asText()).isEqualTo(HOSTILE);
    }

    @Test
    void terraformLiteralsEscapeInterpolationAndDirectives() {
        assertThat(Literals.hcl("a${b}%{c}\"")).isEqualTo("\"a$${b}%%{c}\\\"\"");
    }
}

package io.datasurface.renderservice;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasurface.render.RenderedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class GoldenFilesTest {

    @Test
    void exampleModelRendersExactlyTheGoldenFiles() throws IOException {
        List<RenderedFile> files = Acme.allFiles();
        List<String> golden;
        try (Stream<Path> paths = Files.walk(Acme.GOLDEN)) {
            golden = paths.filter(Files::isRegularFile).map(p -> Acme.GOLDEN.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
        assertThat(files.stream().map(RenderedFile::path).sorted().toList())
                .as("rendered paths (run UpdateGoldenFiles after an intended change)").isEqualTo(golden);
        for (RenderedFile file : files) {
            assertThat(file.content()).as(file.path()).isEqualTo(Files.readString(Acme.GOLDEN.resolve(file.path()), StandardCharsets.UTF_8));
        }
    }

    @Test
    void renderingTheSameModelTwiceGivesByteIdenticalFiles() {
        assertThat(Acme.allFiles()).isEqualTo(Acme.allFiles());
    }
}

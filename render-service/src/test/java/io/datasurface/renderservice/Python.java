package io.datasurface.renderservice;

import io.datasurface.render.RenderedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the machine's python3; tests that need it are skipped where it is not installed. */
final class Python {
    private Python() {
    }

    record Result(int exitCode, String stdout, String stderr) {
    }

    static boolean available() {
        try {
            return run(List.of("python3", "--version"), null).exitCode() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    static Result run(List<String> command, Path dir) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (dir != null) {
            builder.directory(dir.toFile());
        }
        Path out = Files.createTempFile("python", ".out");
        Path err = Files.createTempFile("python", ".err");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("python3 did not finish within 60 s: " + command);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return result;
    }

    /** Writes the rendered DAG files into {@code dir} and returns their paths. */
    static List<Path> writeDags(List<RenderedFile> files, Path dir) throws IOException {
        List<Path> dags = new ArrayList<>();
        for (RenderedFile file : files) {
            if (file.path().endsWith(".py")) {
                Path target = dir.resolve(file.path());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.content(), StandardCharsets.UTF_8);
                dags.add(target);
            }
        }
        return dags;
    }
}

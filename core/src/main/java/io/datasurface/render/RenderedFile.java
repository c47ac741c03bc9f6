package io.datasurface.render;

import static java.util.Objects.requireNonNull;

/** One generated file: its path relative to the output folder (always with '/') and its whole text. */
public record RenderedFile(String path, String content) {
    public RenderedFile {
        requireNonNull(path, "path is null");
        requireNonNull(content, "content is null");
        if (path.startsWith("/") || path.contains("..") || path.contains("\\")) {
            throw new IllegalArgumentException("rendered path must be relative and use '/': " + path);
        }
    }
}

package io.datasurface.events;

import java.nio.file.Files;

/**
 * Rewrites the event golden files from {@link SampleEvents}; run from {@code core/} and review the diff, since a changed
 * file is a changed contract for every consumer of the topics.
 */
public final class UpdateEventGoldenFiles {
    private UpdateEventGoldenFiles() {
    }

    public static void main(String[] args) throws Exception {
        Files.createDirectories(EventGoldenFiles.FOLDER);
        for (DataSurfaceEvent event : SampleEvents.all()) {
            Files.writeString(EventGoldenFiles.file(event), EventGoldenFiles.pretty(event));
            System.out.println("wrote " + EventGoldenFiles.file(event));
        }
        Files.writeString(PlatformGraphJsonTest.GOLDEN, PlatformGraphJsonTest.pretty(PlatformGraphJsonTest.minimal()));
        System.out.println("wrote " + PlatformGraphJsonTest.GOLDEN);
    }
}

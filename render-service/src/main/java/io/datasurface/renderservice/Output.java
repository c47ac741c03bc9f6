package io.datasurface.renderservice;

import io.datasurface.cli.ExitCodes;
import io.datasurface.render.RenderedFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** Writes a rendering and reports it the same way for every command. */
final class Output {
    private Output() {
    }

    static int write(CommandSpec spec, Path out, List<RenderedFile> files, List<RenderedOutput.Owned> owned, String what) {
        PrintWriter stdout = spec.commandLine().getOut();
        RenderedOutput.Changes changes;
        try {
            changes = RenderedOutput.write(out, files, owned);
        } catch (IOException e) {
            spec.commandLine().getErr().println("error: cannot write under " + out + ": " + e.getMessage());
            return ExitCodes.UNUSABLE;
        }
        changes.written().forEach(p -> stdout.println("wrote     " + p));
        changes.deleted().forEach(p -> stdout.println("deleted   " + p));
        stdout.println(out + ": " + what + ", " + files.size() + " file(s): " + changes.written().size() + " written, "
                + changes.unchanged().size() + " unchanged, " + changes.deleted().size() + " deleted");
        return ExitCodes.OK;
    }
}

package io.datasurface.yaml;

import io.datasurface.model.ModelPaths;
import io.datasurface.model.ObjectPath;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where each part of the model lives in its folder. The layout follows ownership, so a reviewer
 * sees at a glance who may touch a file; the loader, the writer and every message that tells a
 * person where to put a part use these names.
 */
public final class ModelLayout {
    public static final String ECOSYSTEM_FILE = "ecosystem.yaml";
    /** The whole layout, for messages. */
    public static final String DESCRIPTION = ECOSYSTEM_FILE + ", zones/<zone>/zone.yaml and zones/<zone>/teams/<team>.yaml";

    static final Pattern ZONE_FILE = Pattern.compile("zones/([^/]+)/zone\\.ya?ml");
    static final Pattern TEAM_FILE = Pattern.compile("zones/([^/]+)/teams/([^/]+)\\.ya?ml");
    static final Pattern ZONE_FOLDER = Pattern.compile("zones/([^/]+)/.*");

    private ModelLayout() {
    }

    /** The part a file of the layout holds: the ecosystem, a zone or a team; empty for a file outside the layout. */
    public static Optional<ObjectPath> partOf(String file) {
        if (file.equals(ECOSYSTEM_FILE)) {
            return Optional.of(ObjectPath.ROOT);
        }
        Matcher zone = ZONE_FILE.matcher(file);
        if (zone.matches()) {
            return Optional.of(ModelPaths.zone(zone.group(1)));
        }
        Matcher team = TEAM_FILE.matcher(file);
        if (team.matches()) {
            return Optional.of(ModelPaths.team(team.group(1), team.group(2)));
        }
        return Optional.empty();
    }

    public static String zoneFolder(String zone) {
        return "zones/" + zone;
    }

    public static String zoneFile(String zone) {
        return zoneFolder(zone) + "/zone.yaml";
    }

    public static String teamFile(String zone, String team) {
        return zoneFolder(zone) + "/teams/" + team + ".yaml";
    }
}
